import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { CommissionEntriesTab } from './commission-entries.tsx';
import { CommissionSummaryTab } from './commission-summary.tsx';
import type { CommissionFilters } from './commissions.api.ts';

export default function CommissionsPage() {
  const t = useT();
  const [tab, setTab] = useState('summary');
  const [filters, setFilters] = useState<CommissionFilters>({});
  return (
    <>
      <PageHeader title={t('commissions.title')} subtitle={t('commissions.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'summary',
              label: t('commissions.tab.summary'),
              children: (
                <CommissionSummaryTab
                  onOpen={(next) => {
                    setFilters(next);
                    setTab('entries');
                  }}
                />
              ),
            },
            {
              key: 'entries',
              label: t('commissions.tab.entries'),
              // Re-mounted on new filters: back to page 1, and the filter fields show them.
              children: (
                <CommissionEntriesTab
                  key={JSON.stringify(filters)}
                  filters={filters}
                  onFiltersChange={setFilters}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
