import type { CampaignPage } from '@kaquan/contracts';
import { Tag } from 'antd-mobile';
import type { Translate } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { voucherKindLabel } from '../../lib/voucher-format.ts';

export function ruleText(c: CampaignPage, t: Translate): string {
  if (c.repeatRule === 'cooldown')
    return t('campaign.rule.cooldown', { minutes: Math.round(c.cooldownSeconds / 60) });
  if (c.repeatRule === 'limit')
    return c.perMemberLimit
      ? t('campaign.rule.limit', { n: c.perMemberLimit })
      : t('campaign.rule.limitNone');
  return t(`campaign.rule.${c.repeatRule}`);
}

/** What a claim gives: every item with its quantity and what is left. */
export function CampaignItems({ campaign }: { campaign: CampaignPage }) {
  const t = useT();
  return (
    <ul className="kq-claim-items" data-testid="claim-items">
      {campaign.items.map((i) => (
        <li key={i.templateId} className="kq-claim-item">
          <div className="kq-claim-item-main">
            <span className="kq-claim-item-title">{i.title}</span>
            <Tag color="primary" fill="outline">
              {voucherKindLabel(i.kind, t)}
            </Tag>
          </div>
          <div className="kq-claim-item-meta">
            <span className="kq-claim-qty">×{i.quantity}</span>
            {i.remaining !== null && <span>{t('campaign.remaining', { n: i.remaining })}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function CampaignHead({ campaign }: { campaign: CampaignPage }) {
  const t = useT();
  return (
    <div className="kq-claim-head">
      <h1 className="kq-claim-name">{campaign.name}</h1>
      <div className="kq-claim-rule">
        {ruleText(campaign, t)}
        {campaign.endsAt && ` · ${t('campaign.endsAt', { time: formatTime(campaign.endsAt) })}`}
      </div>
    </div>
  );
}
