import type { CampaignPage, Voucher } from '@kaquan/contracts';
import { Button, Result, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useCampaignPage, useClaim } from '../../api/campaigns.ts';
import { ApiError } from '../../api/client.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { errorMessage } from '../../lib/show-error.ts';
import { CampaignHead, CampaignItems } from './campaign-summary.tsx';
import './campaigns.css';

const randomKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16)).join('');

/** Why a campaign cannot be claimed now, as the page says it (S3.6: paused or ended → 活动已结束). */
function closedText(c: CampaignPage): { title: MessageKey; description: MessageKey } | null {
  if (c.shownStatus === 'sold_out') return { title: 'campaign.soldOut', description: 'campaign.soldOutDesc' };
  if (c.shownStatus === 'paused' || c.shownStatus === 'ended')
    return { title: 'campaign.ended', description: 'campaign.endedDesc' };
  return null;
}

/** The page a campaign QR or link opens: what a claim gives, the claim button and the result. */
export function ClaimPage() {
  const t = useT();
  const token = useParams().token ?? '';
  const page = useCampaignPage(token);
  const [granted, setGranted] = useState<Voucher[] | null>(null);
  const title = t('campaign.pageTitle');

  if (page.isPending) return <PageLoading />;
  if (page.isError) {
    if (page.error instanceof ApiError && page.error.status >= 400 && page.error.status < 500)
      return (
        <SubPage title={title} parent="claim">
          <PageState status="empty" title={t('campaign.notFound')} description={t('campaign.notFoundDesc')} />
        </SubPage>
      );
    return <PageError onRetry={() => page.refetch()} />;
  }
  const c = page.data;
  const closed = closedText(c);
  return (
    <SubPage title={title} parent="claim">
      {granted ? (
        <Claimed vouchers={granted} onBack={() => setGranted(null)} />
      ) : closed ? (
        <div data-testid="claim-closed">
          <PageState status="empty" title={t(closed.title)} description={t(closed.description)} />
        </div>
      ) : (
        <section className="kq-card kq-claim-card">
          <CampaignHead campaign={c} />
          <CampaignItems campaign={c} />
          <ClaimButton campaign={c} onGranted={setGranted} />
        </section>
      )}
    </SubPage>
  );
}

function ClaimButton({ campaign, onGranted }: { campaign: CampaignPage; onGranted: (v: Voucher[]) => void }) {
  const t = useT();
  const claim = useClaim(campaign.token);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (campaign.shownStatus === 'scheduled')
    return (
      <p className="kq-claim-note">
        {t('campaign.notStarted')} · {t('campaign.startsAt', { time: formatTime(campaign.startsAt) })}
      </p>
    );
  const waiting = campaign.mine.nextClaimAt;
  return (
    <div className="kq-claim-action">
      {campaign.mine.claims > 0 && (
        <p className="kq-claim-note">
          {t('campaign.claimed', { n: campaign.mine.claims })}
          {waiting && ` · ${t('campaign.nextAt', { time: formatTime(waiting) })}`}
        </p>
      )}
      {refusal && (
        <p className="kq-field-error" role="alert">
          {refusal}
        </p>
      )}
      <Button
        block
        color="primary"
        size="large"
        loading={claim.isPending}
        onClick={() =>
          claim.mutate(randomKey(), {
            onSuccess: (r) => onGranted(r.vouchers),
            onError: (err) => {
              setRefusal(errorMessage(err, t));
              Toast.show({ icon: 'fail', content: errorMessage(err, t) });
            },
          })
        }
      >
        {t('campaign.claim')}
      </Button>
    </div>
  );
}

function Claimed({ vouchers, onBack }: { vouchers: Voucher[]; onBack: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  return (
    <div className="kq-claim-done" data-testid="claim-granted">
      <Result
        status="success"
        title={t('campaign.successTitle')}
        description={t('campaign.successBody', { n: vouchers.length })}
      />
      <ul className="kq-claim-items">
        {vouchers.map((v) => (
          <li key={v.id} className="kq-claim-item">
            <span className="kq-claim-item-title">{v.title}</span>
          </li>
        ))}
      </ul>
      <div className="kq-result-actions">
        <Button
          block
          color="primary"
          size="large"
          onClick={() => navigate(merchantPath(merchant.slug, 'wallet'))}
        >
          {t('campaign.toWallet')}
        </Button>
        <Button block size="large" onClick={onBack}>
          {t('campaign.back')}
        </Button>
      </div>
    </div>
  );
}
