import { PlusOutlined } from '@ant-design/icons';
import type { Campaign, CampaignKind, CampaignShownStatus } from '@kaquan/contracts';
import {
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Segmented,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { CampaignFormDrawer } from './campaign-form-drawer.tsx';
import { CampaignQrModal } from './campaign-qr-modal.tsx';
import { CampaignRecordsDrawer } from './campaign-records-drawer.tsx';
import { CampaignStockModal } from './campaign-stock-modal.tsx';
import { type CampaignFilters, useCampaigns, useSetStatus } from './campaigns.api.ts';

const STATUS_COLORS: Record<CampaignShownStatus, string> = {
  scheduled: 'blue',
  active: 'green',
  paused: 'orange',
  sold_out: 'red',
  ended: 'default',
};

type Open = { what: 'form' | 'stock' | 'qr' | 'records'; campaign: Campaign | null } | null;

export default function CampaignsPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [filters, setFilters] = useState<CampaignFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const campaigns = useCampaigns(filters, paging);
  const setStatus = useSetStatus();
  const [open, setOpen] = useState<Open>(null);
  const kind: CampaignKind = filters.kind ?? 'qr';

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ what: 'form', campaign: null })}>
      {t('campaigns.create')}
    </Button>
  );

  const rule = (c: Campaign) => {
    if (c.repeatRule === 'limit')
      return c.perMemberLimit
        ? t('campaigns.rule.limitN', { n: c.perMemberLimit })
        : t('campaigns.rule.unlimited');
    if (c.repeatRule === 'cooldown')
      return t('campaigns.rule.cooldownN', { n: Math.round(c.cooldownSeconds / 60) });
    return t(`campaigns.rule.${c.repeatRule}`);
  };

  const columns: TableColumnsType<Campaign> = [
    {
      title: t('campaigns.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`campaigns.kind.${c.kind}`)} · {rule(c)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'shownStatus',
      render: (s: CampaignShownStatus) => <Tag color={STATUS_COLORS[s]}>{t(`campaigns.status.${s}`)}</Tag>,
    },
    {
      title: t('campaigns.items'),
      dataIndex: 'items',
      render: (_: unknown, c) => (
        <Flex vertical>
          {c.items.map((i) => (
            <span key={i.id}>
              {i.title} ×{i.quantity}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                {i.stock === null
                  ? t('campaigns.claimedN', { n: i.claimed })
                  : t('campaigns.remainingOf', { left: i.remaining ?? 0, stock: i.stock })}
              </Typography.Text>
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: t('campaigns.claims'),
      dataIndex: 'claims',
      render: (n: number, c) => (c.totalLimit ? `${n} / ${c.totalLimit}` : n),
    },
    {
      title: t('campaigns.window'),
      render: (_: unknown, c) =>
        c.startsAt || c.endsAt
          ? `${formatInstant(c.startsAt)} – ${formatInstant(c.endsAt)}`
          : t('campaigns.noWindow'),
    },
    {
      title: t('common.actions'),
      render: (_: unknown, c) => (
        <Flex wrap gap={4}>
          <Button size="small" type="link" onClick={() => setOpen({ what: 'form', campaign: c })}>
            {t('common.edit')}
          </Button>
          <Button size="small" type="link" onClick={() => setOpen({ what: 'stock', campaign: c })}>
            {t(c.kind === 'qr' ? 'campaigns.stockAction' : 'campaigns.itemsAction')}
          </Button>
          <Button size="small" type="link" onClick={() => setOpen({ what: 'qr', campaign: c })}>
            {t('campaigns.qr')}
          </Button>
          <Button size="small" type="link" onClick={() => setOpen({ what: 'records', campaign: c })}>
            {t('campaigns.records')}
          </Button>
          {c.status === 'active' ? (
            <Popconfirm
              title={t(c.kind === 'qr' ? 'campaigns.pauseConfirm' : 'campaigns.offlineConfirm')}
              onConfirm={() => setStatus.mutate({ id: c.id, action: 'pause' })}
            >
              <Button size="small" type="link" danger>
                {t(c.kind === 'qr' ? 'campaigns.pause' : 'campaigns.offline')}
              </Button>
            </Popconfirm>
          ) : (
            c.shownStatus !== 'ended' && (
              <Button
                size="small"
                type="link"
                onClick={() => setStatus.mutate({ id: c.id, action: 'start' })}
              >
                {t(c.kind === 'qr' ? 'campaigns.start' : 'campaigns.online')}
              </Button>
            )
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('campaigns.title')} subtitle={t('campaigns.subtitle')} extra={createButton} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<'all' | CampaignKind>
            value={filters.kind ?? 'all'}
            options={[
              { value: 'all', label: t('campaigns.allKinds') },
              { value: 'qr', label: t('campaigns.kind.qr') },
              { value: 'store', label: t('campaigns.kind.store') },
            ]}
            onChange={(v) => {
              setFilters((f) => ({ ...f, kind: v === 'all' ? undefined : v }));
              reset();
            }}
          />
          <Input.Search
            allowClear
            placeholder={t('campaigns.searchName')}
            style={{ width: 240 }}
            onSearch={(q) => {
              setFilters((f) => ({ ...f, q: q || undefined }));
              reset();
            }}
          />
        </Flex>
        <Table<Campaign>
          rowKey="id"
          columns={columns}
          dataSource={campaigns.data?.items}
          loading={campaigns.isFetching}
          pagination={tablePagination(campaigns.data?.total, t)}
          locale={{ emptyText: <EmptyState text={t('campaigns.empty')} action={createButton} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {open?.what === 'form' && (
        <CampaignFormDrawer campaign={open.campaign} kind={kind} onClose={() => setOpen(null)} />
      )}
      {open?.what === 'stock' && open.campaign && (
        <CampaignStockModal campaign={open.campaign} onClose={() => setOpen(null)} />
      )}
      {open?.what === 'qr' && open.campaign && (
        <CampaignQrModal campaign={open.campaign} onClose={() => setOpen(null)} />
      )}
      {open?.what === 'records' && open.campaign && (
        <CampaignRecordsDrawer campaign={open.campaign} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
