import { Badge, ErrorBlock, InfiniteScroll, SearchBar, SpinLoading, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCart, useShopCategories, useShopProducts } from '../../api/shop.ts';
import { PageError } from '../../components/CenteredState.tsx';
import { CartIcon } from '../../components/cart-icon.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';
import { ProductCard } from './product-card.tsx';
import './shop.css';

const ALL = 'all';

/** 商城: categories as tabs over a grid of the products on sale. */
export function ShopPage() {
  const t = useT();
  const { merchant } = useMerchant();
  const [tab, setTab] = useState(ALL);
  const [q, setQ] = useState('');
  const categories = useShopCategories();
  const products = useShopProducts(tab === ALL ? null : Number(tab), q);
  const cart = useCart();
  const inCart = cart.data?.items.reduce((n, item) => n + item.quantity, 0) ?? 0;
  const items = products.data?.pages.flatMap((page) => page.items) ?? [];

  function body() {
    if (products.isPending) {
      return (
        <div className="kq-block-state">
          <SpinLoading color="primary" />
        </div>
      );
    }
    if (products.isError) return <PageError onRetry={() => products.refetch()} />;
    if (items.length === 0) {
      return (
        <ErrorBlock
          className="kq-block-state"
          status="empty"
          title={q ? t('shop.noMatch') : t('shop.empty')}
          description={q ? t('shop.noMatch.desc', { q }) : t('shop.empty.desc')}
        />
      );
    }
    return (
      <>
        <div className="kq-product-grid">
          {items.map((product) => (
            <ProductCard key={product.id} product={product} />
          ))}
        </div>
        <InfiniteScroll
          loadMore={async () => void (await products.fetchNextPage())}
          hasMore={products.hasNextPage}
        >
          {products.hasNextPage ? <SpinLoading /> : t('shop.noMore')}
        </InfiniteScroll>
      </>
    );
  }

  return (
    <div className="kq-shop">
      <div className="kq-shop-top">
        <div className="kq-shop-search">
          <SearchBar
            placeholder={t('shop.search')}
            onSearch={(value) => setQ(value.trim())}
            onClear={() => setQ('')}
          />
          <Link
            className="kq-cart-link"
            to={merchantPath(merchant.slug, 'cart')}
            aria-label={t('cart.title')}
          >
            <Badge content={inCart > 0 ? inCart : null}>
              <CartIcon fontSize={24} />
            </Badge>
          </Link>
        </div>
        {(categories.data?.length ?? 0) > 0 && (
          <Tabs activeKey={tab} onChange={setTab} className="kq-shop-tabs">
            <Tabs.Tab key={ALL} title={t('shop.all')} />
            {categories.data?.map((category) => (
              <Tabs.Tab key={String(category.id)} title={category.name} />
            ))}
          </Tabs>
        )}
      </div>
      {body()}
    </div>
  );
}
