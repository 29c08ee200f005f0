import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Product } from '@kaquan/contracts';
import { App, Button, Card, Flex, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/empty-state.tsx';
import { formatMoney } from '../../components/money.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useCategories } from '../product-categories/product-categories.api.ts';
import { ProductFilterBar } from './product-filters.tsx';
import { ProductFormDrawer } from './product-form-drawer.tsx';
import { ProductThumb } from './product-thumb.tsx';
import { type ProductFilters, TYPE_COLORS, useProducts, useSetOnSale } from './products.api.ts';

function ProductName({ product, category }: { product: Product; category?: string }) {
  return (
    <Flex gap={12} align="center">
      <ProductThumb src={product.images[0]} size={40} />
      <div>
        <div>{product.name}</div>
        {category && <Typography.Text type="secondary">{category}</Typography.Text>}
      </div>
    </Flex>
  );
}

export default function ProductsPage() {
  const t = useT();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<ProductFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const products = useProducts(filters, paging);
  const categories = useCategories();
  const setOnSale = useSetOnSale();
  const [params] = useSearchParams();
  const [editing, setEditing] = useState<{ product?: Product } | null>(() =>
    params.has('create') ? {} : null,
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const categoryName = (id: number | null) => categories.data?.find((c) => c.id === id)?.name;

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
      {t('products.create')}
    </Button>
  );

  const columns: TableColumnsType<Product> = [
    {
      title: t('products.name'),
      key: 'name',
      render: (_, p) => <ProductName product={p} category={categoryName(p.categoryId)} />,
    },
    {
      title: t('products.type'),
      dataIndex: 'type',
      render: (type: Product['type']) => <Tag color={TYPE_COLORS[type]}>{t(`products.type.${type}`)}</Tag>,
    },
    {
      title: t('products.price'),
      key: 'price',
      align: 'right',
      render: (_, p) => (
        <div>
          <div>{formatMoney(p.priceCents)}</div>
          {p.svipAllowed && p.svipPriceCents !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('products.svipShort')} {formatMoney(p.svipPriceCents)}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('products.stock'), dataIndex: 'stock', align: 'right' },
    { title: t('products.sold'), dataIndex: 'sold', align: 'right' },
    {
      title: t('products.onSale'),
      dataIndex: 'onSale',
      render: (onSale: boolean, p) => (
        <Switch
          size="small"
          checked={onSale}
          aria-label={t('products.onSaleToggle', { name: p.name })}
          loading={setOnSale.isPending && setOnSale.variables?.id === p.id}
          onChange={(checked) =>
            setOnSale.mutate(
              { id: p.id, onSale: checked },
              {
                onSuccess: () =>
                  void message.success(
                    t(checked ? 'products.putOnSale' : 'products.takenOff', { name: p.name }),
                  ),
              },
            )
          }
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, product) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ product })}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('products.title')} subtitle={t('products.subtitle')} extra={createButton} />
      <Card>
        <ProductFilterBar
          filters={filters}
          onChange={(next) => {
            setFilters(next);
            reset();
          }}
        />
        <Table<Product>
          rowKey="id"
          columns={columns}
          dataSource={products.data?.items}
          loading={products.isFetching}
          pagination={tablePagination(products.data?.total, t)}
          locale={{
            emptyText: (
              <EmptyState
                text={filtered ? t('common.noMatch') : t('products.empty')}
                action={!filtered && createButton}
              />
            ),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && <ProductFormDrawer product={editing.product} onClose={() => setEditing(null)} />}
    </>
  );
}
