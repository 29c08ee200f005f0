import { useEffect } from 'react';
import { Outlet, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useMerchantInfo } from '../api/member.ts';
import { useT } from '../i18n/index.tsx';
import { PageError, PageLoading, PageState } from './CenteredState.tsx';
import { MerchantContext } from './merchant-context.ts';

/** Loads the merchant named by the URL's slug; every member page renders inside it. */
export function MerchantLayout() {
  const { slug = '' } = useParams();
  const t = useT();
  const query = useMerchantInfo(slug);
  const name = query.data?.merchant.name;

  useEffect(() => {
    document.title = name ?? t('app.name');
  }, [name, t]);

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <PageState
          status="empty"
          title={t('unknownMerchant.title')}
          description={t('unknownMerchant.description')}
        />
      );
    }
    return <PageError onRetry={() => query.refetch()} />;
  }
  return (
    <MerchantContext value={query.data}>
      <Outlet />
    </MerchantContext>
  );
}
