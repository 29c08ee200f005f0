// Checkout: price the lines, reserve stock and points, hold the coupon, and open a payment — all
// in one transaction. An unpaid checkout is not an order (S0.1): it expires after the merchant's
// window and gives everything back. A zero total is paid at once.
import type { Buyer, Checkout, CommerceSettings, Quote } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { CheckoutRow, DB, Executor, ProductRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { randomToken } from '../../lib/keys.ts';
import { iso, MINUTE, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as catalog from './catalog.repo.ts';
import * as repo from './checkout.repo.ts';
import type { CheckoutBody, QuoteBody } from './commerce.schemas.ts';
import { getMemberCommerce, getSettings, movePoints, svipActive } from './loyalty.service.ts';
import { findOrderByCheckout } from './order.repo.ts';
import { createOrderFromCheckout } from './order-placement.ts';
import { PRODUCT_TYPES } from './product-types.ts';
import { type CouponTerms, quote } from './quote.ts';

export interface Buying {
  merchantId: number;
  memberId: number;
}

type Line = { productId: number; quantity: number };

export function mergeLines(lines: Line[]): Line[] {
  const byId = new Map<number, number>();
  for (const l of lines) byId.set(l.productId, (byId.get(l.productId) ?? 0) + l.quantity);
  return [...byId].map(([productId, quantity]) => ({ productId, quantity }));
}

async function loadProducts(ctx: AppContext, exec: Executor, merchantId: number, lines: Line[]) {
  const rows = await catalog.findProducts(
    exec,
    merchantId,
    lines.map((l) => l.productId),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return lines.map((l) => {
    const p = byId.get(l.productId);
    if (!p) throw notFound('product');
    if (p.onSale !== 1) throw new AppError('PRODUCT_OFF_SALE', 422, { name: p.name }, { productId: p.id });
    if (!ctx.fulfilment.has(p.type))
      throw new AppError('PRODUCT_TYPE_UNAVAILABLE', 422, {}, { type: p.type });
    return { product: p, quantity: l.quantity };
  });
}

export const toQuoteProduct = (p: ProductRow) => ({
  id: p.id,
  name: p.name,
  priceCents: p.priceCents,
  couponAllowed: p.couponAllowed === 1,
  pointsAllowed: p.pointsAllowed === 1,
  memberPriceAllowed: p.memberPriceAllowed === 1,
  svipAllowed: p.svipAllowed === 1,
  svipPriceCents: p.svipPriceCents,
});

/** Prices lines for a member without reserving anything. */
export async function priceLines(
  ctx: AppContext,
  exec: Executor,
  who: Buying,
  input: { lines: { product: ProductRow; quantity: number }[]; couponRef?: string; points?: number },
  known?: { settings?: CommerceSettings },
): Promise<Quote> {
  const settings = known?.settings ?? (await getSettings(exec, who.merchantId));
  const member = await getMemberCommerce(exec, who.merchantId, who.memberId);
  if ((input.points ?? 0) > member.pointsBalance) throw new AppError('POINTS_NOT_ENOUGH', 409);
  let coupon: { ref: string; terms: CouponTerms } | null = null;
  if (input.couponRef) {
    const terms = await ctx.coupons.terms(exec, {
      merchantId: who.merchantId,
      memberId: who.memberId,
      ref: input.couponRef,
      productIds: input.lines.map((l) => l.product.id),
    });
    if (!terms) throw new AppError('COUPON_NOT_APPLICABLE', 422);
    coupon = { ref: input.couponRef, terms };
  }
  const q = quote({
    lines: input.lines.map((l) => ({ product: toQuoteProduct(l.product), quantity: l.quantity })),
    member: {
      levelDiscountPercent: member.discountPercent ?? null,
      svipActive: svipActive(member),
      pointsBalance: member.pointsBalance,
    },
    coupon,
    pointsRequested: input.points ?? 0,
    settings,
  });
  if (q.couponRejected) throw new AppError('COUPON_NOT_APPLICABLE', 422, {}, { reason: q.couponRejected });
  const { couponRejected: _, ...out } = q;
  return out;
}

export async function previewQuote(ctx: AppContext, who: Buying, input: Static<typeof QuoteBody>) {
  const lines = await loadProducts(ctx, ctx.db, who.merchantId, mergeLines(input.items));
  return priceLines(ctx, ctx.db, who, { lines, couponRef: input.couponRef, points: input.points });
}

const FIELD_NAMES = { name: '姓名/name', phone: '手机号/phone', address: '地址/address' };

export function checkBuyer(
  needs: Set<string>,
  buyer: Static<typeof Buyer> | undefined,
): Static<typeof Buyer> {
  const b = buyer ?? {};
  const missing: (keyof typeof FIELD_NAMES)[] = [];
  if (needs.has('address') || needs.has('name_phone')) {
    if (!b.name) missing.push('name');
    if (!b.phone) missing.push('phone');
  }
  if (needs.has('address') && !b.address) missing.push('address');
  if (missing.length)
    throw new AppError(
      'BUYER_INFO_REQUIRED',
      422,
      { fields: missing.map((m) => FIELD_NAMES[m]).join(', ') },
      { missing },
    );
  // Keep only what the goods need: a gift card order stores no address (S0.6).
  if (needs.has('address')) return { name: b.name, phone: b.phone, region: b.region, address: b.address };
  if (needs.has('name_phone')) return { name: b.name, phone: b.phone };
  return {};
}

export async function toCheckout(exec: Executor, row: CheckoutRow): Promise<Checkout> {
  const payment = row.status === 'pending' ? await repo.findPaymentOfCheckout(exec, row.id) : undefined;
  const order = row.status === 'paid' ? await findOrderByCheckout(exec, row.id) : undefined;
  return checkoutView(row, {
    payUrl: payment && payment.status === 'pending' ? `/pay/${payment.token}` : null,
    orderId: order?.id ?? null,
  });
}

export function checkoutView(
  row: CheckoutRow,
  extra: { payUrl: string | null; orderId: number | null },
): Checkout {
  return {
    id: row.id,
    status: row.status,
    source: row.source === 'cart' ? 'cart' : 'buy_now',
    quote: JSON.parse(row.quote) as Quote,
    totalCents: row.totalCents,
    buyer: JSON.parse(row.buyer) as Static<typeof Buyer>,
    expiresAt: iso(row.expiresAt),
    payUrl: extra.payUrl,
    orderId: extra.orderId,
    createdAt: iso(row.createdAt),
  };
}

export async function createCheckout(
  ctx: AppContext,
  trx: Transaction<DB>,
  who: Buying,
  actor: Actor,
  input: Static<typeof CheckoutBody>,
): Promise<Checkout> {
  const at = now();
  const fromCart = input.fromCart === true;
  const wanted = fromCart
    ? (await repo.cartItems(trx, who.merchantId, who.memberId)).map((c) => ({
        productId: c.productId,
        quantity: c.quantity,
      }))
    : mergeLines(input.items ?? []);
  if (wanted.length === 0) throw new AppError('CART_EMPTY', 422);
  const lines = await loadProducts(ctx, trx, who.merchantId, wanted);
  if (lines.length > 1 || fromCart) {
    const keyOnly = lines.find((l) => !PRODUCT_TYPES[l.product.type].cartAllowed);
    if (keyOnly) throw new AppError('CART_NOT_ALLOWED', 422, {}, { productId: keyOnly.product.id });
  }
  const buyer = checkBuyer(new Set(lines.map((l) => PRODUCT_TYPES[l.product.type].buyerNeeds)), input.buyer);
  const settings = await getSettings(trx, who.merchantId);
  const q = await priceLines(
    ctx,
    trx,
    who,
    { lines, couponRef: input.couponRef, points: input.points },
    { settings },
  );
  const paidNow = q.totalCents === 0;
  const checkout = await repo.insertCheckout(trx, {
    merchantId: who.merchantId,
    memberId: who.memberId,
    status: paidNow ? 'paid' : 'pending',
    source: fromCart ? 'cart' : 'buy_now',
    totalCents: q.totalCents,
    pointsUsed: q.pointsUsed,
    couponRef: q.couponRef,
    quote: JSON.stringify(q),
    buyer: JSON.stringify(buyer),
    expiresAt: at + settings.checkoutTtlMinutes * MINUTE,
    paidAt: paidNow ? at : null,
    createdAt: at,
    updatedAt: at,
  });
  await repo.insertLines(
    trx,
    lines.map((l, k) => ({
      checkoutId: checkout.id,
      merchantId: who.merchantId,
      productId: l.product.id,
      quantity: l.quantity,
      unitPriceCents: l.product.priceCents,
      payableCents: q.items[k].payableCents,
    })),
  );
  if (q.pointsUsed > 0) {
    await movePoints(
      trx,
      {
        merchantId: who.merchantId,
        memberId: who.memberId,
        delta: -q.pointsUsed,
        reason: 'spend',
        checkoutId: checkout.id,
      },
      at,
    );
  }
  if (q.couponRef) {
    const held = await ctx.coupons.reserve(trx, {
      merchantId: who.merchantId,
      memberId: who.memberId,
      ref: q.couponRef,
      productIds: lines.map((l) => l.product.id),
      checkoutId: checkout.id,
    });
    if (!held) throw new AppError('COUPON_NOT_APPLICABLE', 422);
  }
  if (fromCart)
    await repo.removeFromCart(
      trx,
      who.memberId,
      lines.map((l) => l.product.id),
    );
  await recordAudit(trx, actor, {
    action: 'checkout.create',
    targetType: 'checkout',
    targetId: checkout.id,
    after: { totalCents: q.totalCents, lines: wanted },
  });

  // Stock last: the product row stays locked only from here to commit, so buyers of one
  // product queue for the shortest time (a failed reservation rolls everything back).
  await takeStock(ctx, trx, who.merchantId, lines);
  let orderId: number | null = null;
  let payUrl: string | null = null;
  if (paidNow) {
    orderId = (await createOrderFromCheckout(ctx, trx, checkout, { paidAt: at, channel: 'purchase' })).id;
  } else {
    const token = `sbx_${randomToken(18)}`;
    await repo.insertPayment(trx, {
      merchantId: who.merchantId,
      checkoutId: checkout.id,
      provider: ctx.payments.sandbox.name,
      token,
      amountCents: q.totalCents,
      status: 'pending',
      tradeNo: null,
      paidAt: null,
      refundedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    payUrl = (
      await ctx.payments.sandbox.create({ token, amountCents: q.totalCents, subject: lines[0].product.name })
    ).payUrl;
  }
  return checkoutView(checkout, { payUrl, orderId });
}

/**
 * Takes the product stock of every line, and refuses goods their fulfiller cannot deliver now
 * (card keys: buyers see min(product stock, keys in the pool), S1.9). The pool is not held here:
 * keys are taken at payment, and a payment that finds the pool short waits for stock.
 */
async function takeStock(
  ctx: AppContext,
  trx: Transaction<DB>,
  merchantId: number,
  lines: { product: ProductRow; quantity: number }[],
) {
  for (const l of lines) {
    const available = ctx.fulfilment.get(l.product.type)?.available;
    if (
      !(await catalog.reserveStock(trx, merchantId, l.product.id, l.quantity)) ||
      (available && (await available(trx, l.product)) < l.quantity)
    )
      throw new AppError('OUT_OF_STOCK', 409, { name: l.product.name }, { productId: l.product.id });
  }
}

export async function getCheckout(exec: Executor, who: Buying, id: number) {
  const row = await repo.findCheckout(exec, who.merchantId, id);
  if (!row || row.memberId !== who.memberId) throw notFound('checkout');
  return row;
}

/**
 * Closes a pending checkout (expired or cancelled): stock, points and coupon go back and the
 * payment is closed. False when it was no longer pending (paid, or closed by someone else).
 */
export async function closeCheckout(
  ctx: AppContext,
  trx: Transaction<DB>,
  id: number,
  to: 'expired' | 'cancelled',
  actor: Actor,
  at = now(),
): Promise<boolean> {
  const moved = await repo.moveCheckout(
    trx,
    id,
    ['pending'],
    to,
    at,
    to === 'expired' ? { expiresBefore: at } : {},
  );
  if (!moved) return false;
  for (const l of await repo.findLines(trx, id)) await catalog.releaseStock(trx, l.productId, l.quantity);
  if (moved.pointsUsed > 0) {
    await movePoints(
      trx,
      {
        merchantId: moved.merchantId,
        memberId: moved.memberId,
        delta: moved.pointsUsed,
        reason: 'refund_spend',
        checkoutId: id,
      },
      at,
    );
  }
  if (moved.couponRef)
    await ctx.coupons.release(trx, { merchantId: moved.merchantId, ref: moved.couponRef, checkoutId: id });
  const payment = await repo.findPaymentOfCheckout(trx, id);
  if (payment) await repo.movePayment(trx, payment.id, ['pending'], { status: 'closed', updatedAt: at });
  await recordAudit(
    trx,
    { ...actor, merchantId: moved.merchantId },
    {
      action: `checkout.${to === 'expired' ? 'expire' : 'cancel'}`,
      targetType: 'checkout',
      targetId: id,
      before: { status: 'pending' },
      after: { status: to },
    },
  );
  return true;
}

/** Expires every checkout whose window has passed (each in its own transaction); how many. */
export async function expireDue(ctx: AppContext, at = now(), actor: Actor): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await repo.dueCheckouts(ctx.db, at, 200);
    for (const c of due) {
      if (await ctx.db.transaction().execute((trx) => closeCheckout(ctx, trx, c.id, 'expired', actor, at)))
        expired++;
    }
    if (due.length < 200) return expired;
  }
}

/** The quote of a zero-price order (online redemption): every line at 0, nothing off. */
export function zeroPriceQuote(lines: { product: ProductRow; quantity: number }[]) {
  const { couponRejected: _, ...q } = quote({
    lines: lines.map((l) => ({
      product: { ...toQuoteProduct(l.product), priceCents: 0 },
      quantity: l.quantity,
    })),
    member: { levelDiscountPercent: null, svipActive: false, pointsBalance: 0 },
    pointsRequested: 0,
    settings: { centsPerPoint: 1, pointsMaxSharePct: 0 },
  });
  return q;
}

/**
 * A zero-price order (online redemption of a code, S0.4): the member chooses the reward goods and
 * gives what they need (an address for physical goods); stock is taken and the order is paid at
 * once with channel `redemption`. Runs in the caller's transaction, so the code and the order
 * commit together.
 */
export async function placeZeroPriceOrder(
  ctx: AppContext,
  trx: Transaction<DB>,
  who: Buying,
  actor: Actor,
  input: { items: Line[]; buyer?: Static<typeof Buyer>; note?: string },
) {
  const at = now();
  const lines = await loadProducts(ctx, trx, who.merchantId, mergeLines(input.items));
  const buyer = checkBuyer(new Set(lines.map((l) => PRODUCT_TYPES[l.product.type].buyerNeeds)), input.buyer);
  const q = zeroPriceQuote(lines);
  const checkout = await repo.insertCheckout(trx, {
    merchantId: who.merchantId,
    memberId: who.memberId,
    status: 'paid',
    source: 'redemption',
    totalCents: 0,
    pointsUsed: 0,
    couponRef: null,
    quote: JSON.stringify(q),
    buyer: JSON.stringify(buyer),
    expiresAt: at,
    paidAt: at,
    createdAt: at,
    updatedAt: at,
  });
  await repo.insertLines(
    trx,
    lines.map((l) => ({
      checkoutId: checkout.id,
      merchantId: who.merchantId,
      productId: l.product.id,
      quantity: l.quantity,
      unitPriceCents: 0,
      payableCents: 0,
    })),
  );
  await takeStock(ctx, trx, who.merchantId, lines);
  await recordAudit(
    trx,
    { ...actor, merchantId: who.merchantId },
    {
      action: 'checkout.redeem',
      targetType: 'checkout',
      targetId: checkout.id,
      after: { lines: input.items, note: input.note ?? null },
    },
  );
  return createOrderFromCheckout(ctx, trx, checkout, { paidAt: at, channel: 'redemption' });
}
