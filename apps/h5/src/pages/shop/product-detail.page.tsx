import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, List, Stepper, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { addToCart, shopKeys, useCart, useShopMe, useShopProduct } from '../../api/shop.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { CartIcon } from '../../components/cart-icon.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { showError } from '../../lib/show-error.ts';
import { ProductGallery } from './product-gallery.tsx';
import { ProductPrice } from './product-price.tsx';
import './shop.css';

/** A product: images, price for this member, stock; add to cart or buy now. */
export function ProductDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { merchant } = useMerchant();
  const id = Number(useParams().id);
  const detail = useShopProduct(id);
  const commerce = useShopMe();
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const add = useMutation({
    mutationFn: addToCart,
    onSuccess: (next) => {
      queryClient.setQueryData(shopKeys.cart, next);
      Toast.show({ icon: 'success', content: t('product.added') });
    },
    onError: (err) => showError(err, t),
  });

  const title = t('product.title');
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <SubPage title={title} parent="shop">
          <PageState status="empty" title={t('product.notFound')} description={t('product.notFound.desc')} />
        </SubPage>
      );
    }
    return <PageError onRetry={() => detail.refetch()} />;
  }

  const { product, memberPrice } = detail.data;
  const soldOut = product.stock <= 0;
  const inCart = cart.data?.items.reduce((n, item) => n + item.quantity, 0) ?? 0;
  const buyNow = () =>
    navigate(merchantPath(merchant.slug, `checkout?product=${product.id}&qty=${quantity}`));

  const actionBar = (
    <>
      {product.cartAllowed && (
        <Link className="kq-cart-link" to={merchantPath(merchant.slug, 'cart')} aria-label={t('cart.title')}>
          <Badge content={inCart > 0 ? inCart : null}>
            <CartIcon fontSize={24} />
          </Badge>
        </Link>
      )}
      {product.cartAllowed && (
        <Button
          className="kq-bar-button"
          color="warning"
          disabled={soldOut}
          loading={add.isPending}
          onClick={() => add.mutate({ productId: product.id, quantity })}
        >
          {t('product.addToCart')}
        </Button>
      )}
      <Button className="kq-bar-button" color="danger" disabled={soldOut} onClick={buyNow}>
        {soldOut ? t('shop.soldOut') : t('product.buyNow')}
      </Button>
    </>
  );

  return (
    <SubPage title={title} parent="shop" actionBar={actionBar}>
      <ProductGallery images={product.images} name={product.name} />
      <section className="kq-card kq-product-main">
        <ProductPrice product={product} unitQuote={memberPrice} commerce={commerce.data} />
        <h1 className="kq-product-name">{product.name}</h1>
        <div className="kq-product-tags">
          <Tag color="primary" fill="outline">
            {t(`productType.${product.type}`)}
          </Tag>
          {product.couponAllowed && <Tag fill="outline">{t('product.couponOk')}</Tag>}
          {product.pointsAllowed && <Tag fill="outline">{t('product.pointsOk')}</Tag>}
          {!product.refundable && <Tag fill="outline">{t('product.noRefund')}</Tag>}
        </div>
        {!product.cartAllowed && <p className="kq-note">{t('product.buyNowOnly')}</p>}
      </section>
      <List mode="card">
        <List.Item extra={soldOut ? t('shop.soldOut') : product.stock}>{t('product.stock')}</List.Item>
        <List.Item
          extra={
            <Stepper
              aria-label={t('product.quantity')}
              min={1}
              max={Math.max(1, product.stock)}
              digits={0}
              value={quantity}
              disabled={soldOut}
              onChange={(value) => setQuantity(value || 1)}
            />
          }
        >
          {t('product.quantity')}
        </List.Item>
      </List>
      <List mode="card" header={t('product.description')}>
        <List.Item>
          <div className="kq-product-desc">{product.description || t('product.noDescription')}</div>
        </List.Item>
      </List>
    </SubPage>
  );
}
