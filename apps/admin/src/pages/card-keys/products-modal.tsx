import type { CardKeyPool, Product } from '@kaquan/contracts';
import { Modal, Table, Tag } from 'antd';
import { EmptyState } from '../../components/empty-state.tsx';
import { formatMoney } from '../../components/money.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useLinkedProducts } from './card-keys.api.ts';

/** The products that sell from a pool: they share its keys (S1.9). */
export function ProductsModal({ pool, onClose }: { pool: CardKeyPool | null; onClose: () => void }) {
  const t = useT();
  const products = useLinkedProducts(pool?.id ?? null);
  return (
    <Modal
      open={pool !== null}
      title={pool ? t('cardKeys.products.title', { name: pool.name }) : ''}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
    >
      <Table<Product>
        rowKey="id"
        size="small"
        loading={products.isFetching}
        dataSource={products.data}
        pagination={false}
        locale={{ emptyText: <EmptyState text={t('cardKeys.products.empty', { id: pool?.id ?? '' })} /> }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 70 },
          { title: t('cardKeys.pool.name'), dataIndex: 'name' },
          { title: t('cardKeys.products.stock'), dataIndex: 'stock' },
          {
            title: t('cardKeys.products.price'),
            dataIndex: 'priceCents',
            render: (c: number) => formatMoney(c),
          },
          {
            title: t('common.status'),
            dataIndex: 'onSale',
            render: (on: boolean) =>
              on ? (
                <Tag color="green">{t('cardKeys.products.onSale')}</Tag>
              ) : (
                <Tag>{t('cardKeys.products.offSale')}</Tag>
              ),
          },
        ]}
      />
    </Modal>
  );
}
