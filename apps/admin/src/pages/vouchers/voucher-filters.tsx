import type { VoucherState } from '@kaquan/contracts';
import { Form, InputNumber, Select } from 'antd';
import { FilterActions } from '../../components/filter-actions.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberPicker } from '../members/member-picker.tsx';
import { VOUCHER_STATES, type VoucherFilters } from './vouchers.api.ts';

interface FormValues {
  templateId?: number | null;
  memberId?: number | null;
  state?: VoucherState;
}

function toFilters({ templateId, memberId, state }: FormValues): VoucherFilters {
  const filters: VoucherFilters = {};
  if (templateId) filters.templateId = templateId;
  if (memberId) filters.memberId = memberId;
  if (state) filters.state = state;
  return filters;
}

export function VoucherFilterBar({ onChange }: { onChange: (filters: VoucherFilters) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  return (
    <Form<FormValues>
      form={form}
      name="voucherFilters"
      layout="inline"
      onFinish={(values) => onChange(toFilters(values))}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="templateId" label={t('vouchers.templateId')}>
        <InputNumber min={1} precision={0} controls={false} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="memberId" label={t('vouchers.member')}>
        <MemberPicker placeholder={t('vouchers.allMembers')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="state" label={t('common.status')}>
        <Select
          allowClear
          placeholder={t('vouchers.allStates')}
          style={{ width: 120 }}
          options={VOUCHER_STATES.map((s) => ({ value: s, label: t(`vouchers.state.${s}`) }))}
        />
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
