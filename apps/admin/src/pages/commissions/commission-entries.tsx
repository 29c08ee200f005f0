import type { CommissionEntry } from '@kaquan/contracts';
import { Form, InputNumber, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { EmptyState } from '../../components/empty-state.tsx';
import { FilterActions } from '../../components/filter-actions.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { formatBp, formatMoney } from '../../components/money.ts';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { MemberPicker } from '../members/member-picker.tsx';
import {
  COMMISSION_KINDS,
  COMMISSION_STATUS_COLORS,
  COMMISSION_STATUSES,
  type CommissionFilters,
  useCommissions,
} from './commissions.api.ts';

function EntryFilterBar({
  filters,
  onChange,
}: {
  filters: CommissionFilters;
  onChange: (filters: CommissionFilters) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<CommissionFilters>();
  const apply = (v: CommissionFilters) =>
    onChange(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null)));
  return (
    <Form<CommissionFilters>
      form={form}
      layout="inline"
      initialValues={filters}
      onFinish={apply}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="beneficiaryId" label={t('commissions.beneficiary')}>
        <MemberPicker />
      </Form.Item>
      <Form.Item name="orderId" label={t('commissions.orderId')}>
        <InputNumber min={1} precision={0} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="kind" label={t('commissions.kind')}>
        <Select
          allowClear
          placeholder={t('commissions.allKinds')}
          style={{ width: 130 }}
          options={COMMISSION_KINDS.map((k) => ({ value: k, label: t(`commission.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('common.status')}>
        <Select
          allowClear
          placeholder={t('commissions.allStatuses')}
          style={{ width: 120 }}
          options={COMMISSION_STATUSES.map((s) => ({ value: s, label: t(`commission.status.${s}`) }))}
        />
      </Form.Item>
      <FilterActions onReset={() => onChange({})} />
    </Form>
  );
}

/** Every commission entry: what was earned on which order item, by whom, and where it stands. */
export function CommissionEntriesTab({
  filters,
  onFiltersChange,
}: {
  filters: CommissionFilters;
  onFiltersChange: (filters: CommissionFilters) => void;
}) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const { paging, tablePagination } = usePaging();
  const entries = useCommissions(filters, paging);
  const filtered = Object.keys(filters).length > 0;

  const columns: TableColumnsType<CommissionEntry> = [
    { title: t('commissions.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('commissions.order'),
      key: 'order',
      render: (_, e) => (
        <div>
          <Typography.Text copyable={{ text: e.orderNo }}>{e.orderNo}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{e.productName}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('commissions.kind'),
      dataIndex: 'kind',
      render: (k: CommissionEntry['kind']) => t(`commission.kind.${k}`),
    },
    {
      title: t('commissions.beneficiary'),
      key: 'beneficiary',
      render: (_, e) =>
        e.beneficiaryId === null
          ? t('commissions.shareholderPool')
          : (e.beneficiaryPhone ?? `#${e.beneficiaryId}`),
    },
    { title: t('commissions.base'), dataIndex: 'baseCents', align: 'right', render: formatMoney },
    { title: t('commissions.rate'), dataIndex: 'rateBp', align: 'right', render: formatBp },
    { title: t('commissions.amount'), dataIndex: 'amountCents', align: 'right', render: formatMoney },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: CommissionEntry['status']) => (
        <Tag color={COMMISSION_STATUS_COLORS[s]}>{t(`commission.status.${s}`)}</Tag>
      ),
    },
    {
      title: t('commissions.when'),
      key: 'when',
      render: (_, e) =>
        e.status === 'settled'
          ? t('commissions.settledAt', { at: formatInstant(e.settledAt) })
          : e.status === 'reversed'
            ? t('commissions.reversedAt', { at: formatInstant(e.reversedAt) })
            : e.settleAfter
              ? t('commissions.settleAfter', { at: formatInstant(e.settleAfter) })
              : '—',
    },
  ];

  return (
    <>
      <EntryFilterBar filters={filters} onChange={onFiltersChange} />
      <Table<CommissionEntry>
        rowKey="id"
        columns={columns}
        dataSource={entries.data?.items}
        loading={entries.isFetching}
        pagination={tablePagination(entries.data?.total, t)}
        locale={{
          emptyText: <EmptyState text={filtered ? t('common.noMatch') : t('commissions.emptyEntries')} />,
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
