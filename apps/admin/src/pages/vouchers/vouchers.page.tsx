import { GiftOutlined } from '@ant-design/icons';
import type { Voucher, VoucherState } from '@kaquan/contracts';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { type MessageKey, useT } from '../../i18n/i18n.tsx';
import { useMember } from '../members/member-commerce.api.ts';
import { VoucherFilterBar } from './voucher-filters.tsx';
import { VoucherGrantModal } from './voucher-grant-modal.tsx';
import {
  ISSUE_CHANNELS,
  STATE_COLORS,
  useVouchers,
  VOUCHER_KINDS,
  type VoucherFilters,
} from './vouchers.api.ts';

/** The list carries only the member id; each distinct member is fetched once and cached. */
function MemberCell({ id }: { id: number }) {
  const member = useMember(id);
  if (!member.data) return <Typography.Text type="secondary">#{id}</Typography.Text>;
  return <span>{member.data.name ? `${member.data.name} · ${member.data.phone}` : member.data.phone}</span>;
}

/** A label from a fixed list, or the raw value if the server knows a newer one. */
function known<T extends string>(
  list: readonly T[],
  value: string,
  key: (v: T) => MessageKey,
  t: (k: MessageKey) => string,
) {
  return (list as readonly string[]).includes(value) ? t(key(value as T)) : value;
}

export default function VouchersPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [filters, setFilters] = useState<VoucherFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const vouchers = useVouchers(filters, paging);
  const [granting, setGranting] = useState(false);
  const filtered = Object.keys(filters).length > 0;

  const grantButton = (
    <Button type="primary" icon={<GiftOutlined />} onClick={() => setGranting(true)}>
      {t('vouchers.grant')}
    </Button>
  );

  const columns: TableColumnsType<Voucher> = [
    {
      title: t('vouchers.voucher'),
      dataIndex: 'title',
      render: (title: string, v) => (
        <>
          <div>{title}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {known(VOUCHER_KINDS, v.kind, (k) => `vouchers.kind.${k}`, t)} ·{' '}
            {t('vouchers.templateNo', { id: v.templateId })}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('vouchers.code'),
      dataIndex: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('vouchers.member'), dataIndex: 'memberId', render: (id: number) => <MemberCell id={id} /> },
    {
      title: t('common.status'),
      dataIndex: 'shownState',
      render: (s: VoucherState) => <Tag color={STATE_COLORS[s]}>{t(`vouchers.state.${s}`)}</Tag>,
    },
    {
      title: t('vouchers.validUntil'),
      dataIndex: 'validUntil',
      render: (v: string) => formatInstant(v),
    },
    {
      title: t('vouchers.channel'),
      dataIndex: 'channel',
      render: (c: string) => known(ISSUE_CHANNELS, c, (k) => `vouchers.channel.${k}`, t),
    },
    { title: t('vouchers.issuedAt'), dataIndex: 'issuedAt', render: (v: string) => formatInstant(v) },
    { title: t('vouchers.usedAt'), dataIndex: 'usedAt', render: (v: string | null) => formatInstant(v) },
  ];

  return (
    <>
      <PageHeader title={t('vouchers.title')} subtitle={t('vouchers.subtitle')} extra={grantButton} />
      <Card>
        <VoucherFilterBar
          onChange={(next) => {
            setFilters(next);
            reset();
          }}
        />
        <Table<Voucher>
          rowKey="id"
          columns={columns}
          dataSource={vouchers.data?.items}
          loading={vouchers.isFetching}
          pagination={tablePagination(vouchers.data?.total, t)}
          locale={{
            emptyText: filtered ? (
              <EmptyState text={t('common.noMatch')} />
            ) : (
              <EmptyState text={t('vouchers.empty')} action={grantButton} />
            ),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {granting && <VoucherGrantModal onClose={() => setGranting(false)} />}
    </>
  );
}
