import type { Order } from '@kaquan/contracts';
import { Descriptions, type DescriptionsProps, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useFormatInstant } from '../../components/format.ts';
import { formatMoney } from '../../components/money.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TYPE_COLORS } from '../products/products.api.ts';
import { FulfilmentResult } from './fulfilment-result.tsx';
import { STATUS_COLORS } from './orders.api.ts';

type Item = Order['items'][number];

export function OrderSummary({ order }: { order: Order }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const when = (key: string, label: string, at: string | null) =>
    at ? [{ key, label, children: formatInstant(at) }] : [];
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2 }}
      items={[
        {
          key: 'no',
          label: t('orders.orderNo'),
          children: <Typography.Text copyable>{order.orderNo}</Typography.Text>,
        },
        {
          key: 'status',
          label: t('common.status'),
          children: <Tag color={STATUS_COLORS[order.status]}>{t(`orders.status.${order.status}`)}</Tag>,
        },
        { key: 'member', label: t('orders.member'), children: order.memberPhone },
        { key: 'channel', label: t('orders.channel'), children: t(`orders.channel.${order.channel}`) },
        { key: 'total', label: t('orders.total'), children: formatMoney(order.totalCents) },
        {
          key: 'points',
          label: t('orders.points'),
          children: t('orders.pointsUsedEarned', { used: order.pointsUsed, earned: order.pointsEarned }),
        },
        ...when('createdAt', t('orders.createdAt'), order.createdAt),
        ...when('paidAt', t('orders.paidAt'), order.paidAt),
        ...when('shippedAt', t('orders.shippedAt'), order.shippedAt),
        ...when('completedAt', t('orders.completedAt'), order.completedAt),
        ...when('closedAt', t('orders.closedAt'), order.closedAt),
      ]}
    />
  );
}

export function OrderBuyer({ order }: { order: Order }) {
  const t = useT();
  const { buyer } = order;
  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'name', label: t('orders.buyer.name'), children: buyer.name ?? '—' },
    { key: 'phone', label: t('orders.buyer.phone'), children: buyer.phone ?? '—' },
    { key: 'region', label: t('orders.buyer.region'), children: buyer.region ?? '—' },
    { key: 'address', label: t('orders.buyer.address'), children: buyer.address ?? '—' },
  ];
  if (order.carrier || order.trackingNo) {
    items.push(
      { key: 'carrier', label: t('orders.carrier'), children: order.carrier ?? '—' },
      {
        key: 'trackingNo',
        label: t('orders.trackingNo'),
        children: order.trackingNo ? <Typography.Text copyable>{order.trackingNo}</Typography.Text> : '—',
      },
    );
  }
  return <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={items} />;
}

export function OrderItems({ order }: { order: Order }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const columns: TableColumnsType<Item> = [
    {
      title: t('orders.item'),
      key: 'name',
      render: (_, item) => (
        <span>
          {item.productName}{' '}
          <Tag color={TYPE_COLORS[item.productType]}>{t(`products.type.${item.productType}`)}</Tag>
        </span>
      ),
    },
    { title: t('orders.unitPrice'), dataIndex: 'unitPriceCents', align: 'right', render: formatMoney },
    { title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' },
    { title: t('orders.payable'), dataIndex: 'payableCents', align: 'right', render: formatMoney },
    {
      title: t('orders.fulfilment'),
      key: 'fulfilment',
      render: (_, item) => {
        const f = item.fulfilment;
        if (!f) return '—';
        // The fulfilment row is written at payment; shipping is recorded on the order.
        const shipped = f.status === 'awaiting_shipment' && order.shippedAt;
        return (
          <div>
            <Tag color={f.status === 'delivered' || shipped ? 'green' : 'blue'}>
              {t(shipped ? 'orders.status.shipped' : `orders.fulfilment.${f.status}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatInstant(shipped ? order.shippedAt : f.at)}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              <FulfilmentResult value={f.result} />
            </div>
          </div>
        );
      },
    },
  ];
  return (
    <Table<Item>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={order.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
