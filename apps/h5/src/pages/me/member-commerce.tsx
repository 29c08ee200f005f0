import { useShopMe } from '../../api/shop.ts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';

/** The member's points, level and SVIP, under the profile header. */
export function MemberCommerceCard() {
  const t = useT();
  const me = useShopMe();
  const data = me.data;
  const value = (text: string | number | undefined) => (data ? text : '—');
  const svipUntil = data?.svipActive && data.svipExpiresAt ? formatTime(data.svipExpiresAt).slice(0, 10) : '';

  return (
    <section className="kq-me-stats" aria-busy={me.isPending}>
      <div className="kq-me-stat" data-testid="me-points">
        <div className="kq-me-stat-value">{value(data?.pointsBalance)}</div>
        <div className="kq-me-stat-label">{t('me.points')}</div>
      </div>
      <div className="kq-me-stat" data-testid="me-level">
        <div className="kq-me-stat-value">{value(data?.levelName ?? t('me.noLevel'))}</div>
        <div className="kq-me-stat-label">{t('me.level')}</div>
      </div>
      <div className="kq-me-stat" data-testid="me-svip">
        <div className={data?.svipActive ? 'kq-me-stat-value kq-svip-on' : 'kq-me-stat-value'}>
          {value(data?.svipActive ? t('me.svipActive') : t('me.svipInactive'))}
        </div>
        <div className="kq-me-stat-label">{svipUntil ? t('me.svipUntil', { date: svipUntil }) : 'SVIP'}</div>
      </div>
    </section>
  );
}
