import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { FilterActions } from '../../components/filter-actions.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { AuditFilters } from './audit.api.ts';

interface FormValues {
  action?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters({ range, ...text }: FormValues): AuditFilters {
  const filters: AuditFilters = {};
  for (const [key, value] of Object.entries(text) as [keyof FormValues, string | undefined][]) {
    if (value?.trim()) filters[key as 'action' | 'targetType' | 'targetId'] = value.trim();
  }
  // Whole days in the browser's time zone: from the start of the first to the end of the last.
  if (range?.[0]) filters.from = range[0].startOf('day').toISOString();
  if (range?.[1]) filters.to = range[1].endOf('day').toISOString();
  return filters;
}

export function AuditFilterBar({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  return (
    <Form<FormValues>
      form={form}
      layout="inline"
      onFinish={(values) => onChange(toFilters(values))}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear placeholder="store.create" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="targetType" label={t('audit.targetType')}>
        <Input allowClear placeholder="store" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="targetId" label={t('audit.targetId')}>
        <Input allowClear style={{ width: 100 }} />
      </Form.Item>
      <Form.Item name="range" label={t('audit.dateRange')}>
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
