import { Grid } from 'antd-mobile';
import {
  CouponOutline,
  GiftOutline,
  ReceiptOutline,
  ShopbagOutline,
  TagOutline,
  UnorderedListOutline,
} from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useSignedInMember } from '../../components/use-member.ts';
import { useT } from '../../i18n/index.tsx';
import { ENTRIES, type EntryName } from '../../lib/entries.ts';
import { maskPhone } from '../../lib/phone.ts';

const ICONS: Record<EntryName, ReactNode> = {
  shop: <ShopbagOutline />,
  orders: <UnorderedListOutline />,
  redeem: <ReceiptOutline />,
  giftCards: <GiftOutline />,
  wallet: <CouponOutline />,
  claim: <TagOutline />,
};

export function HomePage() {
  const t = useT();
  const { merchant } = useMerchant();
  const { member } = useSignedInMember();
  const names = Object.keys(ENTRIES) as EntryName[];

  return (
    <div className="kq-home">
      <header className="kq-home-header">
        <h1>{merchant.name}</h1>
        <p>{t('home.greeting', { name: member.name || maskPhone(member.phone) })}</p>
      </header>
      <section className="kq-section">
        <h2>{t('home.services')}</h2>
        <Grid columns={2} gap={12}>
          {names.map((name) => {
            const entry = ENTRIES[name];
            return (
              <Grid.Item key={name}>
                <Link className={`kq-entry kq-entry-${name}`} to={merchantPath(merchant.slug, entry.path)}>
                  <span className="kq-entry-icon">{ICONS[name]}</span>
                  <span className="kq-entry-title">{t(entry.title)}</span>
                  <span className="kq-entry-desc">{t(entry.description)}</span>
                </Link>
              </Grid.Item>
            );
          })}
        </Grid>
      </section>
    </div>
  );
}
