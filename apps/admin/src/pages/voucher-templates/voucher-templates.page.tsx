import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { TemplateStatus, VoucherTemplate } from '@kaquan/contracts';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { centsToYuan } from '../../components/money.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { valueSummary } from './template-form.ts';
import { TemplateFormDrawer } from './template-form-drawer.tsx';
import {
  TEMPLATE_STATUS_COLORS,
  TEMPLATE_STATUSES,
  type TemplateFilters,
  useSwitchTemplate,
  useTemplates,
} from './voucher-templates.api.ts';

const yuan = (cents: number | null) => (cents == null ? undefined : centsToYuan(cents));

export default function VoucherTemplatesPage() {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const [filters, setFilters] = useState<TemplateFilters>({});
  const [typed, setTyped] = useState('');
  const { paging, reset, tablePagination } = usePaging();
  const templates = useTemplates(filters, paging);
  const switchTemplate = useSwitchTemplate();
  const [editing, setEditing] = useState<{ template?: VoucherTemplate } | null>(null);
  const filtered = Object.values(filters).some(Boolean);
  const filter = (next: TemplateFilters) => {
    setFilters(next);
    reset();
  };

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
      {t('templates.create')}
    </Button>
  );

  const columns: TableColumnsType<VoucherTemplate> = [
    { title: 'ID', dataIndex: 'id', width: 64 },
    {
      title: t('templates.title'),
      dataIndex: 'title',
      render: (title: string, tpl) => (
        <>
          <Typography.Link onClick={() => setEditing({ template: tpl })}>{title}</Typography.Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`vouchers.kind.${tpl.kind}`)} ·{' '}
              {valueSummary(
                {
                  ...tpl,
                  goodsName: tpl.goodsName ?? undefined,
                  goodsQuantity: tpl.goodsQuantity ?? undefined,
                  amountYuan: yuan(tpl.amountCents),
                  thresholdYuan: yuan(tpl.thresholdCents),
                  percentOff: tpl.percentOff ?? undefined,
                },
                {
                  threshold: (amount) => t('templates.preview.threshold', { amount }),
                  discount: (rate, percent) => t('templates.preview.discount', { rate, percent }),
                },
              ) || '—'}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('templates.validity'),
      dataIndex: 'validity',
      render: (v: VoucherTemplate['validity']) =>
        v.kind === 'relative'
          ? t('templates.preview.days', { n: v.days })
          : `${formatInstant(v.from)} – ${formatInstant(v.until)}`,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: TemplateStatus, tpl) => (
        <>
          <Tag color={TEMPLATE_STATUS_COLORS[s]}>{t(`templates.status.${s}`)}</Tag>
          {s === 'rejected' && tpl.reviewReason && (
            <div style={{ maxWidth: 260 }}>
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('templates.rejectReason', { reason: tpl.reviewReason })}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    { title: t('templates.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, tpl) => {
        const to = tpl.status === 'disabled' ? 'enable' : 'disable';
        return (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ template: tpl })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t(`templates.confirm.${to}`, { title: tpl.title })}
              okText={t(`templates.action.${to}`)}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                switchTemplate.mutateAsync({ id: tpl.id, to }).then(
                  (saved) => void message.success(t(`templates.done.${to}`, { title: saved.title })),
                  () => {},
                )
              }
            >
              <Button size="small" danger={to === 'disable'}>
                {t(`templates.action.${to}`)}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('templates.pageTitle')} subtitle={t('templates.subtitle')} extra={createButton} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('templates.searchPlaceholder')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(q) => filter({ ...filters, q: q.trim() || undefined })}
            enterButton={<SearchOutlined />}
            style={{ width: 260 }}
          />
          <Select<TemplateStatus>
            allowClear
            placeholder={t('templates.allStatuses')}
            style={{ width: 140 }}
            value={filters.status}
            onChange={(status) => filter({ ...filters, status })}
            options={TEMPLATE_STATUSES.map((s) => ({ value: s, label: t(`templates.status.${s}`) }))}
          />
        </Flex>
        <Table<VoucherTemplate>
          rowKey="id"
          columns={columns}
          dataSource={templates.data?.items}
          loading={templates.isFetching}
          pagination={tablePagination(templates.data?.total, t)}
          locale={{
            emptyText: filtered ? (
              <EmptyState text={t('common.noMatch')} />
            ) : (
              <EmptyState text={t('templates.empty')} action={createButton} />
            ),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && <TemplateFormDrawer template={editing.template} onClose={() => setEditing(null)} />}
    </>
  );
}
