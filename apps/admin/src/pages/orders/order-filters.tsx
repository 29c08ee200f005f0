import type { OrderStatus, ProductType } from '@kaquan/contracts';
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FilterActions } from '../../components/filter-actions.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { PRODUCT_TYPES } from '../products/products.api.ts';
import { ORDER_STATUSES, type OrderFilters } from './orders.api.ts';

interface FormValues {
  status?: OrderStatus;
  type?: ProductType;
  q?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters({ status, type, q, range }: FormValues): OrderFilters {
  const filters: OrderFilters = {};
  if (status) filters.status = status;
  if (type) filters.type = type;
  if (q?.trim()) filters.q = q.trim();
  // Whole days in the browser's time zone: from the start of the first to the end of the last.
  if (range?.[0]) filters.from = range[0].startOf('day').toISOString();
  if (range?.[1]) filters.to = range[1].endOf('day').toISOString();
  return filters;
}

export function OrderFilterBar({ onChange }: { onChange: (filters: OrderFilters) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  return (
    <Form<FormValues>
      form={form}
      layout="inline"
      onFinish={(values) => onChange(toFilters(values))}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="q" label={t('orders.search')}>
        <Input allowClear placeholder={t('orders.searchPlaceholder')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="status" label={t('common.status')}>
        <Select
          allowClear
          placeholder={t('orders.allStatuses')}
          style={{ width: 130 }}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="type" label={t('products.type')}>
        <Select
          allowClear
          placeholder={t('orders.allTypes')}
          style={{ width: 130 }}
          options={PRODUCT_TYPES.map((v) => ({ value: v, label: t(`products.type.${v}`) }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('orders.dateRange')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <FilterActions
        onReset={() => {
          form.resetFields();
          onChange({});
        }}
      />
    </Form>
  );
}
