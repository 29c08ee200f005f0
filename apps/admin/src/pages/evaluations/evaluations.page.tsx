import type { Evaluation } from '@kaquan/contracts';
import { Card, Form, Rate, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { EvaluationAverages } from './evaluation-averages.tsx';
import { EvaluationFilterBar } from './evaluation-filters.tsx';
import { type EvaluationFilters, useEvaluations } from './evaluations.api.ts';

export default function EvaluationsPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [form] = Form.useForm<EvaluationFilters>();
  const [filters, setFilters] = useState<EvaluationFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const evaluations = useEvaluations(filters, paging);
  const filtered = Object.values(filters).some((v) => v !== undefined);

  function applyFilters(next: EvaluationFilters) {
    setFilters(next);
    reset();
  }

  const columns: TableColumnsType<Evaluation> = [
    { title: t('evaluations.at'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
    { title: t('evaluations.template'), dataIndex: 'title' },
    { title: t('evaluations.store'), dataIndex: 'storeName' },
    {
      title: t('evaluations.member'),
      key: 'member',
      render: (_, e) => (
        <>
          <div>{e.memberName}</div>
          <Typography.Text type="secondary">{e.memberPhone}</Typography.Text>
        </>
      ),
    },
    {
      title: t('evaluations.score'),
      dataIndex: 'score',
      render: (score: number) => (
        <Rate
          disabled
          value={score}
          style={{ fontSize: 14 }}
          aria-label={t('evaluations.scoreOption', { n: score })}
        />
      ),
    },
    {
      title: t('evaluations.text'),
      dataIndex: 'text',
      width: 360,
      render: (text: string) =>
        text ? (
          <Typography.Paragraph
            style={{ margin: 0, whiteSpace: 'pre-wrap' }}
            ellipsis={{ rows: 3, expandable: true }}
          >
            {text}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('evaluations.noText')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('evaluations.title')} subtitle={t('evaluations.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <EvaluationFilterBar form={form} onChange={applyFilters} />
      </Card>
      <EvaluationAverages
        data={evaluations.data}
        loading={evaluations.isFetching}
        onFilter={(next) => {
          // Picking a row narrows to it, keeping the other filters; the form shows the choice.
          const merged = { ...filters, ...next };
          form.setFieldsValue(merged);
          applyFilters(merged);
        }}
      />
      <Card title={t('evaluations.list')}>
        <Table<Evaluation>
          rowKey="voucherId"
          columns={columns}
          dataSource={evaluations.data?.items}
          loading={evaluations.isFetching}
          pagination={tablePagination(evaluations.data?.total, t)}
          locale={{
            emptyText: <EmptyState text={filtered ? t('common.noMatch') : t('evaluations.empty')} />,
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
