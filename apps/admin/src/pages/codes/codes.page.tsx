import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Input,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { CenterSettings } from './center-settings.tsx';
import {
  BATCH_COLORS,
  type CodeBatch,
  type CodeFilters,
  type CodeLibrary,
  type CodeState,
  exportUrl,
  type RedemptionCode,
  STATE_COLORS,
  useBatchAction,
  useBatches,
  useCodes,
  useLibraries,
  useSetCodeEnabled,
  useSetLibraryStatus,
} from './codes.api.ts';
import { GenerateModal } from './generate-modal.tsx';
import { LibraryModal } from './library-modal.tsx';

function LibrariesTab() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const libraries = useLibraries();
  const setStatus = useSetLibraryStatus();
  const [editing, setEditing] = useState<{ library?: CodeLibrary } | null>(null);
  const [generating, setGenerating] = useState<CodeLibrary | null>(null);
  const columns: TableColumnsType<CodeLibrary> = [
    { title: t('codes.library.name'), dataIndex: 'name' },
    {
      title: t('codes.library.format'),
      dataIndex: 'format',
      render: (f: CodeLibrary['format']) => t(`codes.format.${f}`),
    },
    {
      title: t('codes.library.codeCount'),
      dataIndex: 'codeCount',
      render: (n: number, l) => (
        <Space>
          {n.toLocaleString()}
          {l.odds.warn && (
            <Tooltip title={t('codes.odds.warn', { n: (l.odds.oneIn ?? 0).toLocaleString() })}>
              <Tag color="orange">{t('codes.odds.tag')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('codes.library.validity'),
      key: 'validity',
      render: (_, l) =>
        l.validUntil
          ? t('codes.library.until', { at: formatInstant(l.validUntil) })
          : t('codes.library.noEnd'),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: CodeLibrary['status']) => (
        <Tag color={s === 'active' ? 'green' : 'default'}>{t(`codes.library.status.${s}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, l) => (
        <Space>
          <Button
            size="small"
            type="primary"
            disabled={l.status !== 'active'}
            onClick={() => setGenerating(l)}
          >
            {t('codes.generate.button')}
          </Button>
          <Button size="small" onClick={() => setEditing({ library: l })}>
            {t('common.edit')}
          </Button>
          <Button
            size="small"
            onClick={() =>
              setStatus.mutate({ id: l.id, status: l.status === 'active' ? 'disabled' : 'active' })
            }
          >
            {l.status === 'active' ? t('codes.disable') : t('codes.enable')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          {t('codes.library.new')}
        </Button>
      </Space>
      <Table<CodeLibrary>
        rowKey="id"
        columns={columns}
        dataSource={libraries.data}
        loading={libraries.isFetching}
        pagination={false}
        locale={{ emptyText: <EmptyState text={t('codes.library.empty')} /> }}
        scroll={{ x: 'max-content' }}
      />
      {editing && <LibraryModal open library={editing.library} onClose={() => setEditing(null)} />}
      <GenerateModal library={generating} onClose={() => setGenerating(null)} />
    </>
  );
}

function BatchesTab() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const batches = useBatches();
  const libraries = useLibraries();
  const action = useBatchAction();
  const nameOf = (id: number) => libraries.data?.find((l) => l.id === id)?.name ?? `#${id}`;
  const columns: TableColumnsType<CodeBatch> = [
    { title: t('codes.batch.id'), dataIndex: 'id', render: (id: number) => `#${id}` },
    { title: t('codes.batch.library'), dataIndex: 'libraryId', render: nameOf },
    {
      title: t('codes.batch.progress'),
      key: 'progress',
      render: (_, b) => (
        <div style={{ minWidth: 200 }}>
          <Progress percent={Math.floor((b.generated / b.requested) * 100)} size="small" />
          <Typography.Text type="secondary">
            {b.generated.toLocaleString()} / {b.requested.toLocaleString()}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: CodeBatch['status']) => <Tag color={BATCH_COLORS[s]}>{t(`codes.batch.status.${s}`)}</Tag>,
    },
    { title: t('codes.batch.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, b) => (
        <Space>
          {['queued', 'running'].includes(b.status) && (
            <Button size="small" danger onClick={() => action.mutate({ id: b.id, action: 'cancel' })}>
              {t('codes.batch.cancel')}
            </Button>
          )}
          {['cancelled', 'failed'].includes(b.status) && (
            <Button size="small" onClick={() => action.mutate({ id: b.id, action: 'resume' })}>
              {t('codes.batch.resume')}
            </Button>
          )}
          {b.generated > 0 && (
            <>
              <Button size="small" href={exportUrl(b.id, 'csv')}>
                CSV
              </Button>
              <Button size="small" href={exportUrl(b.id, 'xlsx')}>
                XLSX
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<CodeBatch>
      rowKey="id"
      columns={columns}
      dataSource={batches.data}
      loading={batches.isPending}
      pagination={false}
      locale={{ emptyText: <EmptyState text={t('codes.batch.empty')} /> }}
      scroll={{ x: 'max-content' }}
    />
  );
}

function CodesTab() {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const [filters, setFilters] = useState<CodeFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const codes = useCodes(filters, paging);
  const libraries = useLibraries();
  const setEnabled = useSetCodeEnabled();
  const change = (next: CodeFilters) => {
    setFilters(next);
    reset();
  };
  const columns: TableColumnsType<RedemptionCode> = [
    {
      title: t('codes.code.serial'),
      key: 'serial',
      render: (_, c) => (c.batchId ? `#${c.batchId}-${c.serial}` : '—'),
    },
    {
      title: t('codes.code.code'),
      dataIndex: 'code',
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    {
      title: t('common.status'),
      dataIndex: 'state',
      render: (s: CodeState) => <Tag color={STATE_COLORS[s]}>{t(`codes.state.${s}`)}</Tag>,
    },
    {
      title: t('codes.code.redeemed'),
      key: 'redeemed',
      render: (_, c) =>
        c.redeemedAt
          ? `${formatInstant(c.redeemedAt)} · ${t(`codes.via.${c.redeemedVia ?? 'online'}`)}`
          : '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        c.state === 'unused' ? (
          <Popconfirm
            title={t('codes.disableConfirm')}
            okText={t('codes.disable')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              setEnabled.mutateAsync({ id: c.id, action: 'disable' }).then(
                () => void message.success(t('codes.disabled')),
                () => {},
              )
            }
          >
            <Button size="small" danger>
              {t('codes.disable')}
            </Button>
          </Popconfirm>
        ) : c.state === 'disabled' ? (
          <Button
            size="small"
            onClick={() =>
              setEnabled.mutateAsync({ id: c.id, action: 'enable' }).then(
                () => void message.success(t('codes.enabled')),
                () => {},
              )
            }
          >
            {t('codes.enable')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('codes.filter.library')}
          options={libraries.data?.map((l) => ({ value: l.id, label: l.name }))}
          onChange={(libraryId?: number) => change({ ...filters, libraryId })}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('codes.filter.state')}
          options={(['unused', 'redeemed', 'disabled', 'expired'] as const).map((s) => ({
            value: s,
            label: t(`codes.state.${s}`),
          }))}
          onChange={(state?: CodeState) => change({ ...filters, state })}
        />
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('codes.filter.code')}
          onSearch={(code) => change({ ...filters, code: code.trim() || undefined })}
        />
      </Space>
      <Table<RedemptionCode>
        rowKey="id"
        columns={columns}
        dataSource={codes.data?.items}
        loading={codes.isFetching}
        pagination={tablePagination(codes.data?.total, t)}
        locale={{ emptyText: <EmptyState text={t('codes.code.empty')} /> }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

export default function CodesPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('codes.title')} subtitle={t('codes.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'libraries', label: t('codes.tab.libraries'), children: <LibrariesTab /> },
            { key: 'batches', label: t('codes.tab.batches'), children: <BatchesTab /> },
            { key: 'codes', label: t('codes.tab.codes'), children: <CodesTab /> },
            { key: 'settings', label: t('codes.tab.settings'), children: <CenterSettings /> },
          ]}
        />
      </Card>
    </>
  );
}
