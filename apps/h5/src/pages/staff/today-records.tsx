import type { Verification } from '@kaquan/contracts';
import { Button, List, SpinLoading, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTodayVerifications } from '../../api/staff.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { canUndo, useUndo } from './use-undo.ts';

const CHANNEL: Record<Verification['channel'], MessageKey> = {
  staff: 'staff.channel.staff',
  admin: 'staff.channel.admin',
  self: 'staff.channel.self',
};

/** Re-renders every 30 s so undo buttons disappear when their window closes. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** 今日核销: today's verifications at the store, each with 撤销 while the merchant allows it. */
export function TodayRecords({ storeId }: { storeId: number }) {
  const t = useT();
  const records = useTodayVerifications(storeId);
  const undo = useUndo();
  const now = useNow();

  function body() {
    if (records.isPending) return <SpinLoading className="kq-staff-records-state" />;
    if (records.isError) {
      return (
        <List.Item
          extra={
            <Button size="mini" onClick={() => void records.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {t('common.networkError')}
        </List.Item>
      );
    }
    if (records.data.length === 0) return <List.Item>{t('staff.records.empty')}</List.Item>;
    return records.data.map((record) => (
      <List.Item
        key={record.id}
        data-testid="staff-record"
        description={`${formatTime(record.at)} · ${t(CHANNEL[record.channel])}`}
        extra={
          record.undoneAt ? (
            <Tag color="default">{t('staff.result.undone')}</Tag>
          ) : (
            canUndo(record, now) && (
              <Button size="small" color="danger" fill="outline" onClick={() => undo.ask(record)}>
                {t('staff.undo')}
              </Button>
            )
          )
        }
      >
        {record.voucherTitle} <span className="kq-staff-record-code">{record.codeMasked}</span>
      </List.Item>
    ));
  }

  return (
    <List mode="card" header={t('staff.records.title')} className="kq-staff-records">
      {body()}
    </List>
  );
}
