import { ErrorBlock, SpinLoading } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { useGiftCards } from '../../api/redemption.ts';
import { PageError } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { ProductCard } from '../shop/product-card.tsx';
import '../shop/shop.css';
import './redeem.css';

/** 礼品卡: the gift cards on sale; each unit bought is a redemption code in the buyer's wallet. */
export function GiftCardsPage() {
  const t = useT();
  const { merchant } = useMerchant();
  const cards = useGiftCards();

  function body() {
    if (cards.isPending)
      return (
        <div className="kq-block-state">
          <SpinLoading color="primary" />
        </div>
      );
    if (cards.isError) return <PageError onRetry={() => cards.refetch()} />;
    if (cards.data.length === 0)
      return (
        <ErrorBlock
          className="kq-block-state"
          status="empty"
          title={t('giftCards.empty')}
          description={t('giftCards.empty.desc')}
        />
      );
    return (
      <div className="kq-product-grid">
        {cards.data.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </div>
    );
  }

  return (
    <SubPage
      title={t('giftCards.title')}
      parent=""
      right={
        <Link to={merchantPath(merchant.slug, 'my-codes')} className="kq-redeem-mine">
          {t('redeem.mine')}
        </Link>
      }
    >
      <div className="kq-redeem-sub kq-gift-cards-intro">{t('giftCards.intro')}</div>
      {body()}
    </SubPage>
  );
}
