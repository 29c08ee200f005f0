import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Campaign, ClaimRecord } from '@kaquan/contracts';
import { Button, DatePicker, Drawer, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useFormatInstant } from '../../components/format.ts';
import { usePaging } from '../../components/paging.ts';
import { type MessageKey, useT } from '../../i18n/i18n.tsx';
import { type ClaimFilters, claimsCsvUrl, useClaimRecords } from './campaigns.api.ts';

interface FilterValues {
  result?: 'granted' | 'refused';
  phone?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const toFilters = ({ result, phone, range }: FilterValues): ClaimFilters => ({
  ...(result ? { result } : {}),
  ...(phone ? { phone: phone.trim() } : {}),
  ...(range?.[0] ? { from: range[0].startOf('day').toISOString() } : {}),
  ...(range?.[1] ? { to: range[1].endOf('day').toISOString() } : {}),
});

const RESULTS = [
  'granted',
  'CAMPAIGN_ENDED',
  'CAMPAIGN_NOT_STARTED',
  'CAMPAIGN_SOLD_OUT',
  'CLAIM_ONCE',
  'CLAIM_LIMIT_REACHED',
  'CLAIM_COOLDOWN',
  'CAMPAIGN_CHANGED',
  'VOUCHER_LIMIT_REACHED',
  'TEMPLATE_NOT_ACTIVE',
];

/** S3.5: every scan's result (refusals included), filtered, and exported as CSV. */
export function CampaignRecordsDrawer({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<ClaimFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const records = useClaimRecords(campaign.id, filters, paging);
  const label = (r: string) => (RESULTS.includes(r) ? t(`campaigns.result.${r}` as MessageKey) : r);

  const columns: TableColumnsType<ClaimRecord> = [
    { title: t('campaigns.claimedAt'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
    { title: t('campaigns.memberPhone'), dataIndex: 'memberPhone', render: (v: string | null) => v ?? '—' },
    {
      title: t('campaigns.result'),
      dataIndex: 'result',
      render: (r: string) => <Tag color={r === 'granted' ? 'green' : 'default'}>{label(r)}</Tag>,
    },
    {
      title: t('campaigns.voucherIds'),
      dataIndex: 'voucherIds',
      render: (ids: number[]) => (ids.length ? ids.join(', ') : '—'),
    },
  ];

  return (
    <Drawer
      open
      width={860}
      title={t('campaigns.recordsTitle', { name: campaign.name })}
      onClose={onClose}
      destroyOnHidden
    >
      <Form<FilterValues>
        form={form}
        name="claimFilters"
        layout="inline"
        style={{ rowGap: 12, marginBottom: 16 }}
        onFinish={(v) => {
          setFilters(toFilters(v));
          reset();
        }}
      >
        <Form.Item name="result" label={t('campaigns.result')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('campaigns.allResults')}
            options={[
              { value: 'granted', label: t('campaigns.result.granted') },
              { value: 'refused', label: t('campaigns.refused') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('campaigns.memberPhone')}
          rules={[{ pattern: /^1\d{10}$/, message: t('campaigns.phoneInvalid') }]}
        >
          <Input allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="range" label={t('campaigns.dateRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button icon={<DownloadOutlined />} href={claimsCsvUrl(campaign.id, filters)} download>
            {t('campaigns.exportCsv')}
          </Button>
        </Form.Item>
      </Form>
      <Table<ClaimRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={records.data?.items}
        loading={records.isFetching}
        pagination={tablePagination(records.data?.total, t)}
      />
    </Drawer>
  );
}
