import type { EvaluationPage } from '@kaquan/contracts';
import {
  Button,
  Card,
  Col,
  Flex,
  Rate,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import type { EvaluationFilters } from './evaluations.api.ts';

type Average = { key: number; name: string; average: number; count: number };

/** 4.25 as ★★★★☆ and the number; the stars round to halves. */
export function AverageScore({ value }: { value: number }) {
  return (
    <Flex align="center" gap={8}>
      <Rate disabled allowHalf value={Math.round(value * 2) / 2} style={{ fontSize: 14 }} />
      <Typography.Text strong>{value.toFixed(2)}</Typography.Text>
    </Flex>
  );
}

function AverageTable({
  title,
  nameTitle,
  rows,
  loading,
  onPick,
  testId,
}: {
  title: string;
  nameTitle: string;
  rows: Average[];
  loading: boolean;
  onPick: (key: number) => void;
  testId: string;
}) {
  const t = useT();
  const columns: TableColumnsType<Average> = [
    {
      title: nameTitle,
      dataIndex: 'name',
      render: (name: string, row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          title={t('evaluations.filterBy')}
          onClick={() => onPick(row.key)}
        >
          {name}
        </Button>
      ),
    },
    {
      title: t('evaluations.average'),
      dataIndex: 'average',
      render: (v: number) => <AverageScore value={v} />,
    },
    { title: t('evaluations.count'), dataIndex: 'count', align: 'right' },
  ];
  return (
    <Card title={title} size="small" style={{ height: '100%' }} data-testid={testId}>
      <Table<Average>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={rows.length > 5 ? { pageSize: 5, size: 'small' } : false}
        locale={{ emptyText: t('evaluations.noAverages') }}
      />
    </Card>
  );
}

/** The overall average and count, and the averages per template and per store. */
export function EvaluationAverages({
  data,
  loading,
  onFilter,
}: {
  data: EvaluationPage | undefined;
  loading: boolean;
  onFilter: (filters: EvaluationFilters) => void;
}) {
  const t = useT();
  const summary = data?.summary;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={6}>
        <Card
          size="small"
          title={t('evaluations.overall')}
          style={{ height: '100%' }}
          data-testid="evaluations-summary"
        >
          <Statistic
            title={t('evaluations.average')}
            loading={loading && !data}
            value={summary?.average ?? t('evaluations.noScore')}
            precision={summary?.average === null ? undefined : 2}
            suffix={summary?.average === null ? undefined : '/ 5'}
          />
          {summary?.average != null && (
            <Rate disabled allowHalf value={Math.round(summary.average * 2) / 2} style={{ fontSize: 16 }} />
          )}
          <Statistic title={t('evaluations.count')} value={summary?.count ?? 0} style={{ marginTop: 12 }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('evaluations.averagesHint')}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <AverageTable
          title={t('evaluations.byTemplate')}
          nameTitle={t('evaluations.template')}
          testId="evaluations-by-template"
          loading={loading}
          rows={(data?.byTemplate ?? []).map((r) => ({ ...r, key: r.templateId, name: r.title }))}
          onPick={(templateId) => onFilter({ templateId })}
        />
      </Col>
      <Col xs={24} lg={9}>
        <AverageTable
          title={t('evaluations.byStore')}
          nameTitle={t('evaluations.store')}
          testId="evaluations-by-store"
          loading={loading}
          rows={(data?.byStore ?? []).map((r) => ({ ...r, key: r.storeId, name: r.storeName }))}
          onPick={(storeId) => onFilter({ storeId })}
        />
      </Col>
    </Row>
  );
}
