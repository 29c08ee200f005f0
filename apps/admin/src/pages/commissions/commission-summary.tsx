import type { CommissionSummary } from '@kaquan/contracts';
import { Button, Table, type TableColumnsType, Tag } from 'antd';
import { EmptyState } from '../../components/empty-state.tsx';
import { formatMoney } from '../../components/money.ts';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { type CommissionFilters, useCommissionSummary } from './commissions.api.ts';

/** One row per member who earns commission, plus the shareholder pool (no member). */
export function CommissionSummaryTab({ onOpen }: { onOpen: (filters: CommissionFilters) => void }) {
  const t = useT();
  const { paging, tablePagination } = usePaging();
  const summary = useCommissionSummary(paging);
  const money = (cents: number) => formatMoney(cents);

  const columns: TableColumnsType<CommissionSummary> = [
    {
      title: t('commissions.beneficiary'),
      key: 'beneficiary',
      render: (_, row) =>
        row.beneficiaryId === null ? (
          <Tag color="purple">{t('commissions.shareholderPool')}</Tag>
        ) : (
          (row.beneficiaryPhone ?? `#${row.beneficiaryId}`)
        ),
    },
    { title: t('commission.status.pending'), dataIndex: 'pendingCents', align: 'right', render: money },
    { title: t('commission.status.settled'), dataIndex: 'settledCents', align: 'right', render: money },
    { title: t('commission.status.reversed'), dataIndex: 'reversedCents', align: 'right', render: money },
    { title: t('commissions.entryCount'), dataIndex: 'entries', align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) => (
        <Button
          size="small"
          onClick={() =>
            onOpen(
              row.beneficiaryId === null
                ? { kind: 'shareholder_dividend' }
                : { beneficiaryId: row.beneficiaryId },
            )
          }
        >
          {t('commissions.viewEntries')}
        </Button>
      ),
    },
  ];

  return (
    <Table<CommissionSummary>
      rowKey={(row) => row.beneficiaryId ?? 'pool'}
      columns={columns}
      dataSource={summary.data?.items}
      loading={summary.isFetching}
      pagination={tablePagination(summary.data?.total, t)}
      locale={{ emptyText: <EmptyState text={t('commissions.empty')} /> }}
      scroll={{ x: 'max-content' }}
    />
  );
}
