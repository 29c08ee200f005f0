import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, ErrorBlock } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import {
  type Cart,
  type LineInput,
  removeFromCart,
  setCartQuantity,
  shopKeys,
  useCart,
} from '../../api/shop.ts';
import { PageError, PageLoading } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { PriceBreakdown } from '../../components/price-breakdown.tsx';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatMoney } from '../../lib/money.ts';
import { showError } from '../../lib/show-error.ts';
import { CartItemRow } from './cart-item.tsx';
import './shop.css';

/** 购物车: quantities, remove, the quote of everything in it, then checkout. */
export function CartPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { merchant } = useMerchant();
  const cart = useCart();
  const path = (sub: string) => merchantPath(merchant.slug, sub);

  // One cart change at a time, in order, so the last answer is the latest cart.
  const change = useMutation({
    scope: { id: 'cart' },
    mutationFn: (line: LineInput) =>
      line.quantity > 0 ? setCartQuantity(line) : removeFromCart(line.productId),
    onMutate: ({ productId, quantity }) => {
      queryClient.setQueryData<Cart>(
        shopKeys.cart,
        (old) =>
          old && {
            ...old,
            items: old.items
              .map((item) => (item.product.id === productId ? { ...item, quantity } : item))
              .filter((item) => item.quantity > 0),
          },
      );
    },
    onSuccess: (next) => queryClient.setQueryData(shopKeys.cart, next),
    onError: (err) => {
      showError(err, t);
      queryClient.invalidateQueries({ queryKey: shopKeys.cart });
    },
  });

  async function remove(productId: number, name: string) {
    const ok = await Dialog.confirm({ content: t('cart.removeConfirm', { name }) });
    if (ok) change.mutate({ productId, quantity: 0 });
  }

  if (cart.isPending) return <PageLoading />;
  if (cart.isError) return <PageError onRetry={() => cart.refetch()} />;
  const { items, quote } = cart.data;

  if (items.length === 0) {
    return (
      <SubPage title={t('cart.title')} parent="shop">
        <ErrorBlock className="kq-block-state" status="empty" title={t('cart.empty')} description="">
          <Button color="primary" onClick={() => navigate(path('shop'))}>
            {t('cart.goShopping')}
          </Button>
        </ErrorBlock>
      </SubPage>
    );
  }

  const actionBar = (
    <>
      <div className="kq-bar-total">
        {t('cart.total')}
        <span className="kq-price" data-testid="cart-total">
          {quote ? formatMoney(quote.totalCents) : '—'}
        </span>
      </div>
      <Button
        className="kq-bar-button"
        color="danger"
        disabled={!quote || change.isPending}
        onClick={() => navigate(path('checkout?from=cart'))}
      >
        {t('cart.checkout')}
      </Button>
    </>
  );

  return (
    <SubPage title={t('cart.title')} parent="shop" actionBar={actionBar}>
      <div className="kq-card kq-cart-items">
        {items.map((item) => (
          <CartItemRow
            key={item.product.id}
            item={item}
            onQuantity={(quantity) => change.mutate({ productId: item.product.id, quantity })}
            onRemove={() => remove(item.product.id, item.product.name)}
          />
        ))}
      </div>
      {quote && <PriceBreakdown quote={quote} stale={change.isPending} />}
    </SubPage>
  );
}
