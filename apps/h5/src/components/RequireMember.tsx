import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useMemberMe } from '../api/member.ts';
import { PageError, PageLoading } from './CenteredState.tsx';
import { merchantPath, useMerchant } from './merchant-context.ts';

/** Pages below need a member session for this merchant; otherwise the member signs in first. */
export function RequireMember() {
  const { merchant } = useMerchant();
  const location = useLocation();
  const me = useMemberMe();

  if (me.isPending) return <PageLoading />;
  if (me.isError) return <PageError onRetry={() => me.refetch()} />;
  if (!me.data || me.data.merchant.slug !== merchant.slug) {
    return <Navigate to={merchantPath(merchant.slug, 'login')} replace state={{ from: location.pathname }} />;
  }
  return <Outlet context={me.data} />;
}
