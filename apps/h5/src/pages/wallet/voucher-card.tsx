import type { Voucher } from '@kaquan/contracts';
import { Tag } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { formatUseWeek, formatValidity, voucherKindLabel } from '../../lib/voucher-format.ts';
import { VOUCHER_STATE } from './voucher-state.ts';

/** One voucher in 我的卡券: a ticket-like card with its kind, title, dates and state. */
export function VoucherCard({ voucher }: { voucher: Voucher }) {
  const t = useT();
  const { merchant } = useMerchant();
  const state = VOUCHER_STATE[voucher.shownState];
  const week = formatUseWeek(voucher.useWeek, t);
  const live = voucher.shownState === 'unused';

  return (
    <Link
      className={`kq-voucher-card${live ? '' : ' kq-voucher-card-done'}`}
      to={merchantPath(merchant.slug, `wallet/${voucher.id}`)}
      data-testid="voucher-card"
    >
      <div className={`kq-voucher-stub kq-voucher-kind-${voucher.kind}`}>
        {voucher.logoUrl && <img className="kq-voucher-logo" src={voucher.logoUrl} alt="" />}
        {voucherKindLabel(voucher.kind, t)}
      </div>
      <div className="kq-voucher-main">
        <div className="kq-voucher-head">
          <span className="kq-voucher-title">{voucher.title}</span>
          {!live && (
            <Tag color={state.color} fill="outline">
              {t(state.label)}
            </Tag>
          )}
        </div>
        <div className="kq-voucher-line">
          {t('voucher.validity', { range: formatValidity(voucher.validFrom, voucher.validUntil) })}
        </div>
        {week && <div className="kq-voucher-line">{t('voucher.weekOnly', { days: week })}</div>}
        {voucher.usedAt && (
          <div className="kq-voucher-line">
            {t('voucher.usedAtLine', { time: formatTime(voucher.usedAt) })}
          </div>
        )}
      </div>
      {live && <span className="kq-voucher-go">{t('wallet.use')}</span>}
    </Link>
  );
}
