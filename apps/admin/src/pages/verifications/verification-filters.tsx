import { DatePicker, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FilterActions } from '../../components/filter-actions.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useStoreOptions } from '../stores/stores.api.ts';
import type { VerificationFilters } from './verifications.api.ts';

interface FormValues {
  storeId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters({ storeId, range }: FormValues): VerificationFilters {
  const filters: VerificationFilters = {};
  if (storeId) filters.storeId = storeId;
  // Whole days in the browser's time zone: from the start of the first to the end of the last.
  if (range?.[0]) filters.from = range[0].startOf('day').toISOString();
  if (range?.[1]) filters.to = range[1].endOf('day').toISOString();
  return filters;
}

export function VerificationFilterBar({ onChange }: { onChange: (filters: VerificationFilters) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const stores = useStoreOptions();
  return (
    <Form<FormValues>
      form={form}
      name="verificationFilters"
      layout="inline"
      onFinish={(values) => onChange(toFilters(values))}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="storeId" label={t('verifications.store')}>
        <Select<number>
          allowClear
          placeholder={t('verifications.allStores')}
          style={{ width: 200 }}
          loading={stores.isPending}
          options={stores.data?.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('verifications.dateRange')}>
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
