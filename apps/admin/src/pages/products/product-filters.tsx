import type { ProductType } from '@kaquan/contracts';
import { Flex, Input, Select } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { useCategories } from '../product-categories/product-categories.api.ts';
import { PRODUCT_TYPES, type ProductFilters } from './products.api.ts';

/** Filters apply as soon as they change; the search applies on Enter. */
export function ProductFilterBar({
  filters,
  onChange,
}: {
  filters: ProductFilters;
  onChange: (filters: ProductFilters) => void;
}) {
  const t = useT();
  const categories = useCategories();
  const set = (patch: ProductFilters) => onChange({ ...filters, ...patch });
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('products.search')}
        style={{ width: 260 }}
        onSearch={(value) => set({ q: value.trim() || undefined })}
      />
      <Select<ProductType>
        allowClear
        placeholder={t('products.filter.type')}
        aria-label={t('products.filter.type')}
        style={{ width: 150 }}
        value={filters.type}
        onChange={(type) => set({ type })}
        options={PRODUCT_TYPES.map((value) => ({ value, label: t(`products.type.${value}`) }))}
      />
      <Select<number>
        allowClear
        placeholder={t('products.filter.category')}
        aria-label={t('products.filter.category')}
        style={{ width: 160 }}
        value={filters.categoryId}
        loading={categories.isPending}
        onChange={(categoryId) => set({ categoryId })}
        options={categories.data?.map((c) => ({ value: c.id, label: c.name }))}
      />
      <Select<'true' | 'false'>
        allowClear
        placeholder={t('products.filter.onSale')}
        aria-label={t('products.filter.onSale')}
        style={{ width: 140 }}
        value={filters.onSale === undefined ? undefined : filters.onSale ? 'true' : 'false'}
        onChange={(v) => set({ onSale: v === undefined ? undefined : v === 'true' })}
        options={[
          { value: 'true', label: t('products.onSale.true') },
          { value: 'false', label: t('products.onSale.false') },
        ]}
      />
    </Flex>
  );
}
