import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useClaimCenter } from '../../api/campaigns.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { CampaignHead, CampaignItems } from './campaign-summary.tsx';
import './campaigns.css';

/** 领券中心 (S2.3): each store's live claim campaigns, each leading to its claim page. */
export function ClaimCenterPage() {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const center = useClaimCenter();
  const title = t('campaign.centerTitle');
  if (center.isPending) return <PageLoading />;
  if (center.isError) return <PageError onRetry={() => center.refetch()} />;
  return (
    <SubPage title={title} parent="">
      {center.data.length === 0 ? (
        <PageState
          status="empty"
          title={t('campaign.centerEmpty')}
          description={t('campaign.centerEmptyDesc')}
        />
      ) : (
        center.data.map((store) => (
          <section key={store.storeId} className="kq-claim-store" data-testid="claim-store">
            <h2 className="kq-claim-store-name">{store.storeName}</h2>
            {store.campaigns.map((c) => (
              <div key={c.token} className="kq-card kq-claim-card">
                <CampaignHead campaign={c} />
                <CampaignItems campaign={c} />
                <Button
                  block
                  color="primary"
                  onClick={() => navigate(merchantPath(merchant.slug, `c/${c.token}`))}
                >
                  {t('campaign.open')}
                </Button>
              </div>
            ))}
          </section>
        ))
      )}
    </SubPage>
  );
}
