import { useEffect } from 'react';
import { useStaffMe } from '../../api/staff.ts';
import { PageError, PageLoading } from '../../components/CenteredState.tsx';
import { useT } from '../../i18n/index.tsx';
import { StaffDesk } from './staff-desk.tsx';
import { StaffLogin } from './staff-login.tsx';
import './staff.css';

/** 核销台: a verifier signs in, picks the store and verifies members' codes at the counter. */
export function StaffPage() {
  const t = useT();
  const me = useStaffMe();

  useEffect(() => {
    document.title = t('staff.title');
  }, [t]);

  if (me.isPending) return <PageLoading />;
  if (me.isError) return <PageError onRetry={() => me.refetch()} />;
  if (!me.data) return <StaffLogin />;
  return <StaffDesk me={me.data} />;
}
