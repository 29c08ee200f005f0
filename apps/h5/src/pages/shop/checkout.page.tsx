import type { Buyer } from '@kaquan/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button, ErrorBlock, Form, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { createCheckout, fetchQuote, shopKeys, useQuote, useShopMe } from '../../api/shop.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { PriceBreakdown } from '../../components/price-breakdown.tsx';
import { SubPage } from '../../components/sub-page.tsx';
import { useSignedInMember } from '../../components/use-member.ts';
import { useT } from '../../i18n/index.tsx';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { formatMoney } from '../../lib/money.ts';
import { errorMessage, showError } from '../../lib/show-error.ts';
import { BuyerForm, pickBuyer, strongestNeeds } from './buyer-form.tsx';
import { CheckoutGoods } from './checkout-goods.tsx';
import { DiscountFields } from './discount-fields.tsx';
import { useCheckoutLines } from './use-checkout-lines.ts';
import './shop.css';

/** 确认订单: who receives it, points and coupon, the live price, then off to the pay page. */
export function CheckoutPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { merchant } = useMerchant();
  const { member } = useSignedInMember();
  const [form] = Form.useForm<Buyer>();
  const { fromCart, productId, lines, pending, error, retry } = useCheckoutLines();
  const commerce = useShopMe();
  const [points, setPoints] = useState(0);
  const [couponRef, setCouponRef] = useState<string | null>(null);
  // One key per visit: a double tap or a retry after a lost answer makes one checkout, not two.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [submitting, setSubmitting] = useState(false);

  const items = (lines ?? []).map((l) => ({ productId: l.product.id, quantity: l.quantity }));
  const discounts = { couponRef: couponRef ?? undefined, points: points > 0 ? points : undefined };
  const quote = useQuote({ items, ...discounts }, !!lines);
  const maxPoints = quote.data?.pointsMaxUsable;
  // A coupon can lower how many points may be used; follow it down.
  if (maxPoints !== undefined && points > maxPoints) setPoints(maxPoints);
  const parent = fromCart ? 'cart' : productId ? `products/${productId}` : 'shop';
  const title = t('checkout.title');

  if (pending) return <PageLoading />;
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    // e.g. the product went off sale meanwhile: say so in the server's words
    return (
      <SubPage title={title} parent="shop">
        <PageState status="empty" title={error.message} description="" />
      </SubPage>
    );
  }
  if (error) return <PageError onRetry={retry} />;
  if (!lines || lines.length === 0) {
    return (
      <SubPage title={title} parent={parent}>
        <ErrorBlock className="kq-block-state" status="empty" title={t('checkout.nothing')} description="">
          <Button color="primary" onClick={() => navigate(merchantPath(merchant.slug, 'shop'))}>
            {t('cart.goShopping')}
          </Button>
        </ErrorBlock>
      </SubPage>
    );
  }

  const needs = strongestNeeds(lines.map((l) => l.product));
  const current = quote.data;

  async function tryCoupon(ref: string | null): Promise<string | null> {
    if (ref === null) {
      setCouponRef(null);
      return null;
    }
    try {
      const next = await fetchQuote({ items, couponRef: ref, points: discounts.points });
      if (!next.couponRef) return t('checkout.couponNotApplicable');
      setCouponRef(ref);
      return null;
    } catch (err) {
      if (err instanceof ApiError && err.status > 0 && err.status < 500) return err.message;
      showError(err, t);
      return null;
    }
  }

  async function submit() {
    let values: Buyer = {};
    if (needs !== 'none') {
      try {
        values = await form.validateFields();
      } catch {
        return; // the form shows what is missing
      }
    }
    setSubmitting(true);
    try {
      const checkout = await createCheckout(
        { ...(fromCart ? { fromCart: true } : { items }), ...discounts, buyer: pickBuyer(needs, values) },
        idempotencyKey,
      );
      if (fromCart) await queryClient.invalidateQueries({ queryKey: shopKeys.cart });
      if (checkout.orderId) {
        navigate(merchantPath(merchant.slug, `orders/${checkout.orderId}`), { replace: true });
      } else if (checkout.payUrl) {
        window.location.href = checkout.payUrl;
      } else {
        navigate(merchantPath(merchant.slug, `checkouts/${checkout.id}`), { replace: true });
      }
    } catch (err) {
      // A refusal created nothing, so the next try is a new request; after a lost answer the key stays.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500)
        setIdempotencyKey(newIdempotencyKey());
      showError(err, t);
      setSubmitting(false);
    }
  }

  const actionBar = (
    <>
      <div className="kq-bar-total">
        {t('price.total')}
        <span className="kq-price" data-testid="checkout-total">
          {current ? formatMoney(current.totalCents) : '—'}
        </span>
      </div>
      <Button
        className="kq-bar-button"
        color="danger"
        disabled={!current || quote.isError}
        loading={submitting}
        onClick={submit}
      >
        {t('checkout.submit')}
      </Button>
    </>
  );

  return (
    <SubPage title={title} parent={parent} actionBar={actionBar}>
      <BuyerForm
        needs={needs}
        form={form}
        initial={{ name: member.name || undefined, phone: member.phone }}
      />
      <CheckoutGoods lines={lines} quote={current} />
      <DiscountFields
        quote={current}
        balance={commerce.data?.pointsBalance}
        couponAllowed={lines.some((l) => l.product.couponAllowed)}
        points={points}
        onPoints={setPoints}
        couponRef={couponRef}
        onCoupon={tryCoupon}
      />
      {quote.isError && (
        <NoticeBar className="kq-notice" color="alert" wrap content={errorMessage(quote.error, t)} />
      )}
      {current && <PriceBreakdown quote={current} stale={quote.isFetching} />}
    </SubPage>
  );
}
