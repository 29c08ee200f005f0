import type { AuditEntry } from '@kaquan/contracts';
import { Card, Col, Row, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../auth/session.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { type AuditFilters, useAudit } from './audit.api.ts';
import { AuditFilterBar } from './audit-filters.tsx';

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const t = useT();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          background: 'rgba(0,0,0,0.03)',
          padding: 12,
          borderRadius: 6,
          margin: '8px 0 0',
          maxHeight: 320,
          overflow: 'auto',
          fontSize: 12,
        }}
      >
        {value === null || value === undefined ? t('audit.none') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export default function AuditPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const isOperator = useSession().user.role === 'operator';
  const [filters, setFilters] = useState<AuditFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const audit = useAudit(filters, paging);
  const filtered = Object.keys(filters).length > 0;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatInstant(v), width: 180 },
    ...(isOperator
      ? [{ title: t('audit.merchant'), dataIndex: 'merchantId', render: (v: number | null) => v ?? '—' }]
      : []),
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_, e) => (
        <span>
          {e.actorName} <Tag>{t(`audit.actorType.${e.actorType}`)}</Tag>
        </span>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('audit.target'), key: 'target', render: (_, e) => `${e.targetType} #${e.targetId}` },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <AuditFilterBar
          onChange={(next) => {
            setFilters(next);
            reset();
          }}
        />
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={audit.data?.items}
          loading={audit.isFetching}
          pagination={tablePagination(audit.data?.total, t)}
          expandable={{
            expandedRowRender: (e) => (
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <JsonBlock title={t('audit.before')} value={e.before} />
                </Col>
                <Col xs={24} md={12}>
                  <JsonBlock title={t('audit.after')} value={e.after} />
                </Col>
                {e.requestId && (
                  <Col span={24} style={{ marginTop: 8 }}>
                    <Typography.Text type="secondary">
                      {t('audit.requestId')}: <Typography.Text code>{e.requestId}</Typography.Text>
                    </Typography.Text>
                  </Col>
                )}
              </Row>
            ),
          }}
          locale={{ emptyText: <EmptyState text={filtered ? t('common.noMatch') : t('audit.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
