import { DownloadOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import type { CardKeyPool } from '@kaquan/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Dropdown,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSession } from '../../auth/session.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { exportUrl, useDeletePool, useLowStock, usePools } from './card-keys.api.ts';
import { ImportDrawer } from './import-drawer.tsx';
import { KeysDrawer } from './keys-drawer.tsx';
import { PoolEditModal } from './pool-edit-modal.tsx';
import { PoolModal } from './pool-modal.tsx';
import { ProductsModal } from './products-modal.tsx';

/** The merchant's alert: pools at or below their threshold, and paid orders waiting for keys. */
function LowStockAlert() {
  const t = useT();
  const low = useLowStock();
  if (!low.data?.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      style={{ marginBottom: 16 }}
      message={t('cardKeys.alert.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="low-stock">
          {low.data.map((p) => (
            <li key={p.id}>
              {t('cardKeys.alert.pool', {
                name: p.name,
                available: p.available,
                threshold: p.lowStockThreshold,
              })}
              {p.waitingOrders > 0 &&
                t('cardKeys.alert.waiting', { orders: p.waitingOrders, keys: p.waitingKeys })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export default function CardKeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const isOwner = useSession().user.role === 'owner';
  const { paging, tablePagination } = usePaging();
  const pools = usePools(paging);
  const remove = useDeletePool();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CardKeyPool | null>(null);
  const [importing, setImporting] = useState<CardKeyPool | null>(null);
  const [browsing, setBrowsing] = useState<CardKeyPool | null>(null);
  const [linking, setLinking] = useState<CardKeyPool | null>(null);

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('cardKeys.newPool')}
    </Button>
  );

  const columns: TableColumnsType<CardKeyPool> = [
    {
      title: t('cardKeys.pool.name'),
      dataIndex: 'name',
      render: (name: string, p) => (
        <>
          <div>
            {name} {p.reusable && <Tag color="purple">{t('cardKeys.reusableTag')}</Tag>}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cardKeys.poolId')} {p.id} · {t(`cardKeys.shape.${p.shape}`)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('cardKeys.stock'),
      key: 'stock',
      render: (_, p) => (
        <Space size={4} wrap>
          <Tag color={p.lowStock ? 'red' : 'green'}>
            {t('cardKeys.available')} {p.available.toLocaleString()}
          </Tag>
          <Tag color="gold">
            {t('cardKeys.occupied')} {p.occupied.toLocaleString()}
          </Tag>
          <Tag color="blue">
            {t('cardKeys.sold')} {p.sold.toLocaleString()}
          </Tag>
          {p.lowStock && <Tag color="red">{t('cardKeys.lowTag')}</Tag>}
          {p.waitingOrders > 0 && (
            <Tag color="volcano">{t('cardKeys.waitingTag', { n: p.waitingOrders })}</Tag>
          )}
        </Space>
      ),
    },
    { title: t('cardKeys.pool.threshold'), dataIndex: 'lowStockThreshold' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) => (
        <Space wrap>
          <Button size="small" type="primary" onClick={() => setImporting(p)}>
            {t('cardKeys.import')}
          </Button>
          <Button size="small" onClick={() => setBrowsing(p)}>
            {t('cardKeys.keys')}
          </Button>
          <Button size="small" onClick={() => setLinking(p)}>
            {t('cardKeys.products')}
          </Button>
          <Button size="small" onClick={() => setEditing(p)}>
            {t('common.edit')}
          </Button>
          {isOwner && (
            <Dropdown
              menu={{
                items: (['csv', 'xlsx'] as const).map((f) => ({
                  key: f,
                  label: <a href={exportUrl(p.id, f)}>{f.toUpperCase()}</a>,
                })),
              }}
            >
              <Button size="small" icon={<DownloadOutlined />}>
                {t('cardKeys.export')}
              </Button>
            </Dropdown>
          )}
          <Popconfirm
            title={t('cardKeys.deleteConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync(p.id).then(() => void message.success(t('cardKeys.deleted')))}
          >
            <Button size="small" danger>
              {t('cardKeys.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('cardKeys.title')} subtitle={t('cardKeys.subtitle')} extra={newButton} />
      <LowStockAlert />
      <Card>
        <Table<CardKeyPool>
          rowKey="id"
          columns={columns}
          dataSource={pools.data?.items}
          loading={pools.isFetching}
          pagination={tablePagination(pools.data?.total, t)}
          locale={{ emptyText: <EmptyState text={t('cardKeys.empty')} action={newButton} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <PoolModal open={creating} onClose={() => setCreating(false)} />
      <PoolEditModal pool={editing} onClose={() => setEditing(null)} />
      <ImportDrawer pool={importing} onClose={() => setImporting(null)} />
      <KeysDrawer pool={browsing} onClose={() => setBrowsing(null)} />
      <ProductsModal pool={linking} onClose={() => setLinking(null)} />
    </>
  );
}
