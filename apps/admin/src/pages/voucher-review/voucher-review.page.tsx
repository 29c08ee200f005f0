import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { ReviewFlag, TemplateForReview, TemplateStatus } from '@kaquan/contracts';
import {
  App,
  Button,
  Card,
  Popconfirm,
  Segmented,
  Space,
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
import { TemplateCardPreview } from '../voucher-templates/template-card-preview.tsx';
import { toFormValues } from '../voucher-templates/template-form.ts';
import { TEMPLATE_STATUS_COLORS } from '../voucher-templates/voucher-templates.api.ts';
import { ReviewRejectModal } from './review-reject-modal.tsx';
import { useReviewDecision, useReviewQueue } from './voucher-review.api.ts';

const QUEUES: readonly TemplateStatus[] = ['pending_review', 'active', 'rejected'];
const FLAG_COLORS: Record<ReviewFlag['kind'], string> = {
  phone: 'volcano',
  url: 'magenta',
  wechat: 'green',
  absolute: 'gold',
};

/** The platform operator's review of voucher templates (S2.2): the pre-check's flags, the card, a decision. */
export default function VoucherReviewPage() {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const [status, setStatus] = useState<TemplateStatus>('pending_review');
  const { paging, reset, tablePagination } = usePaging();
  const queue = useReviewQueue(status, paging);
  const decide = useReviewDecision();
  const [rejecting, setRejecting] = useState<TemplateForReview | null>(null);

  const columns: TableColumnsType<TemplateForReview> = [
    {
      title: t('templates.title'),
      dataIndex: 'title',
      render: (title: string, tpl) => (
        <>
          <div>{title}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`vouchers.kind.${tpl.kind}`)} · #{tpl.id}
          </Typography.Text>
        </>
      ),
    },
    { title: t('review.merchant'), key: 'merchant', render: (_, tpl) => tpl.merchant.name },
    {
      title: t('review.flags'),
      dataIndex: 'reviewFlags',
      render: (flags: ReviewFlag[]) =>
        flags.length === 0 ? (
          <Typography.Text type="secondary">{t('review.noFlags')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap style={{ maxWidth: 320 }}>
            {flags.map((f) => (
              <Tag key={`${f.kind}-${f.field}-${f.match}`} color={FLAG_COLORS[f.kind]}>
                {t(`review.flag.${f.kind}`)}：{f.match}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: TemplateStatus, tpl) => (
        <>
          <Tag color={TEMPLATE_STATUS_COLORS[s]}>{t(`templates.status.${s}`)}</Tag>
          {tpl.reviewReason && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tpl.reviewReason}
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
      render: (_, tpl) =>
        tpl.status === 'pending_review' ? (
          <Space>
            <Popconfirm
              title={t('review.approveConfirm', { title: tpl.title })}
              okText={t('review.approve')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                decide.mutateAsync({ id: tpl.id }).then(
                  () => void message.success(t('review.approved', { title: tpl.title })),
                  () => {},
                )
              }
            >
              <Button size="small" type="primary" icon={<CheckOutlined />}>
                {t('review.approve')}
              </Button>
            </Popconfirm>
            <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(tpl)}>
              {t('review.reject')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('review.title')} subtitle={t('review.subtitle')} />
      <Card>
        <Segmented<TemplateStatus>
          value={status}
          onChange={(next) => {
            setStatus(next);
            reset();
          }}
          options={QUEUES.map((s) => ({ value: s, label: t(`templates.status.${s}`) }))}
          style={{ marginBottom: 16 }}
        />
        <Table<TemplateForReview>
          rowKey="id"
          columns={columns}
          dataSource={queue.data?.items}
          loading={queue.isFetching}
          pagination={tablePagination(queue.data?.total, t)}
          expandable={{
            expandedRowRender: (tpl) => <TemplateCardPreview values={toFormValues(tpl)} />,
          }}
          locale={{ emptyText: <EmptyState text={t('review.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {rejecting && <ReviewRejectModal template={rejecting} onClose={() => setRejecting(null)} />}
    </>
  );
}
