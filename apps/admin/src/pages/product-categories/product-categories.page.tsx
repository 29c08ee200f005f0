import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProductCategory } from '@kaquan/contracts';
import { Button, Card, Space, Table, type TableColumnsType, Tooltip } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadFailed } from '../../components/result-pages.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { CategoryFormModal } from './category-form-modal.tsx';
import { useCategories, useReorderCategories } from './product-categories.api.ts';

/** The list with one category moved one place up (-1) or down (+1). */
function moved(list: ProductCategory[], index: number, step: -1 | 1): ProductCategory[] {
  const next = [...list];
  [next[index], next[index + step]] = [next[index + step], next[index]];
  return next;
}

export default function ProductCategoriesPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const categories = useCategories();
  const reorder = useReorderCategories();
  const [editing, setEditing] = useState<{ category?: ProductCategory } | null>(null);
  const list = categories.data ?? [];
  const nextSort = (list.at(-1)?.sort ?? 0) + 10;

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
      {t('categories.create')}
    </Button>
  );

  const columns: TableColumnsType<ProductCategory> = [
    { title: t('categories.name'), dataIndex: 'name' },
    { title: t('categories.sort'), dataIndex: 'sort', width: 120 },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, category, index) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ category })}>
            {t('categories.rename')}
          </Button>
          <Tooltip title={t('categories.moveUp')}>
            <Button
              size="small"
              aria-label={t('categories.moveUp')}
              icon={<ArrowUpOutlined />}
              disabled={index === 0 || reorder.isPending}
              onClick={() => reorder.mutate(moved(list, index, -1))}
            />
          </Tooltip>
          <Tooltip title={t('categories.moveDown')}>
            <Button
              size="small"
              aria-label={t('categories.moveDown')}
              icon={<ArrowDownOutlined />}
              disabled={index === list.length - 1 || reorder.isPending}
              onClick={() => reorder.mutate(moved(list, index, 1))}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];

  if (categories.isError && !categories.data) return <LoadFailed onRetry={() => void categories.refetch()} />;

  return (
    <>
      <PageHeader title={t('categories.title')} subtitle={t('categories.subtitle')} extra={createButton} />
      <Card>
        <Table<ProductCategory>
          rowKey="id"
          columns={columns}
          dataSource={list}
          loading={categories.isFetching || reorder.isPending}
          pagination={false}
          locale={{ emptyText: <EmptyState text={t('categories.empty')} action={createButton} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && (
        <CategoryFormModal category={editing.category} nextSort={nextSort} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
