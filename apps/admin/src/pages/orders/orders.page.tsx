import { EyeOutlined } from '@ant-design/icons';
import type { Order } from '@kaquan/contracts';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { formatMoney } from '../../components/money.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { OrderDetailDrawer } from './order-detail-drawer.tsx';
import { OrderFilterBar } from './order-filters.tsx';
import { type OrderFilters, STATUS_COLORS, useOrders } from './orders.api.ts';

export default function OrdersPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [filters, setFilters] = useState<OrderFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const orders = useOrders(filters, paging);
  const [opened, setOpened] = useState<Order | null>(null);
  const filtered = Object.keys(filters).length > 0;

  const columns: TableColumnsType<Order> = [
    {
      title: t('orders.orderNo'),
      dataIndex: 'orderNo',
      render: (no: string, order) => <Typography.Link onClick={() => setOpened(order)}>{no}</Typography.Link>,
    },
    { title: t('orders.member'), dataIndex: 'memberPhone' },
    {
      title: t('orders.items'),
      key: 'items',
      render: (_, o) =>
        o.items.length > 1
          ? t('orders.itemsMore', { name: o.items[0].productName, n: o.items.length })
          : (o.items[0]?.productName ?? '—'),
    },
    { title: t('orders.total'), dataIndex: 'totalCents', align: 'right', render: formatMoney },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: Order['status']) => <Tag color={STATUS_COLORS[s]}>{t(`orders.status.${s}`)}</Tag>,
    },
    { title: t('orders.paidAt'), dataIndex: 'paidAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, order) => (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setOpened(order)}>
          {t('orders.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('orders.title')} subtitle={t('orders.subtitle')} />
      <Card>
        <OrderFilterBar
          onChange={(next) => {
            setFilters(next);
            reset();
          }}
        />
        <Table<Order>
          rowKey="id"
          columns={columns}
          dataSource={orders.data?.items}
          loading={orders.isFetching}
          pagination={tablePagination(orders.data?.total, t)}
          locale={{ emptyText: <EmptyState text={filtered ? t('common.noMatch') : t('orders.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {opened && <OrderDetailDrawer order={opened} onClose={() => setOpened(null)} />}
    </>
  );
}
