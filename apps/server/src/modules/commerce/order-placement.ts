// Turning a paid checkout into an order, in the payment's transaction: the order and its items,
// one fulfilment per item through the product type's fulfiller, points earned, the coupon used,
// the commission set, sales counted — all or nothing.
import { randomInt } from 'node:crypto';
import type { CommerceSettings } from '@kaquan/contracts';
import type { Insertable, Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type {
  CheckoutRow,
  DB,
  FulfilmentTable,
  OrderItemRow,
  OrderRow,
  OrderTable,
} from '../../db/schema.ts';
import { groupBy } from '../../lib/collections.ts';
import {
  type Actor,
  type AuditChange,
  recordAudit,
  recordAudits,
  SYSTEM_ACTOR,
} from '../audit/audit.service.ts';
import { recordForOrders, scheduleSettlement } from '../commission/commission.service.ts';
import { linesWithProducts } from './checkout.repo.ts';
import { earnPoints, getSettings } from './loyalty.service.ts';
import * as repo from './order.repo.ts';
import { ORDER_TRANSITIONS } from './order.states.ts';
import { PRODUCT_TYPES } from './product-types.ts';

// An order number is 20 digits: the paid time (yyyymmddhhmmss, UTC) and 6 random digits; unique
// by constraint.

/** The paid time's part of an order number: yyyymmddhhmmss, UTC. */
export const orderStamp = (at: number) => new Date(at).toISOString().replace(/\D/g, '').slice(0, 14);
const sixDigits = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * The numbers this process drew lately, by their second. Six random digits per second collide
 * now and then under load (~2 % of batches of 20 at 2,000 orders/s): a number this process drew
 * is never drawn again, so only another process's orders can take one (the unique constraint
 * catches those, and the writers draw again).
 */
const drawnBySecond = new Map<string, Set<string>>();
const SECONDS_KEPT = 30;

/** A fresh order number for each time in `at`, none drawn before by this process. */
export function drawOrderNos(at: number[]): string[] {
  return at.map((t) => {
    const stamp = orderStamp(t);
    let drawn = drawnBySecond.get(stamp);
    if (!drawn) {
      drawn = new Set();
      drawnBySecond.set(stamp, drawn);
      // The oldest second first out (a Map keeps the order seconds were first drawn in).
      if (drawnBySecond.size > SECONDS_KEPT) drawnBySecond.delete(drawnBySecond.keys().next().value!);
    }
    let orderNo = stamp + sixDigits();
    // Past half the second's numbers, repeats are left to the constraint rather than searched for.
    while (drawn.has(orderNo) && drawn.size < 500_000) orderNo = stamp + sixDigits();
    drawn.add(orderNo);
    return orderNo;
  });
}

/**
 * Inserts the orders under fresh numbers. Six random digits per second collide now and then
 * under load, so an order whose number was taken is drawn again (ON CONFLICT DO NOTHING keeps a
 * PostgreSQL transaction usable, which a unique violation would not). In the order given.
 */
async function insertOrders(
  trx: Transaction<DB>,
  values: Omit<Insertable<OrderTable>, 'orderNo'>[],
): Promise<OrderRow[]> {
  const made = new Map<number, OrderRow>();
  let left = values;
  for (let attempt = 0; attempt < 10 && left.length > 0; attempt++) {
    const drawn = drawOrderNos(left.map((v) => Number(v.paidAt)));
    const rows = left.map((v, i) => ({ ...v, orderNo: drawn[i]! }));
    for (const o of await repo.insertOrders(trx, rows)) made.set(o.checkoutId!, o);
    left = left.filter((v) => !made.has(v.checkoutId!));
  }
  if (left.length > 0) throw new Error('no free order number');
  return values.map((v) => made.get(v.checkoutId!)!);
}

export const createOrderFromCheckout = async (
  ctx: AppContext,
  trx: Transaction<DB>,
  checkout: CheckoutRow,
  opts: { paidAt: number; channel: 'purchase' | 'redemption' },
): Promise<OrderRow> =>
  (
    await createOrdersFromCheckouts(
      ctx,
      trx,
      checkout.merchantId,
      [{ checkout, paidAt: opts.paidAt }],
      opts.channel,
    )
  )[0];

/**
 * The orders of paid checkouts of one merchant, in the caller's transaction: a batch of payments
 * runs the same statements as one payment (one insert of all orders, of all items, …), so the
 * round trips are per batch. The orders come back in the order of the checkouts.
 */
export async function createOrdersFromCheckouts(
  ctx: AppContext,
  trx: Transaction<DB>,
  merchantId: number,
  paid: { checkout: CheckoutRow; paidAt: number }[],
  channel: 'purchase' | 'redemption',
  opts: {
    /** Audit rows of the caller's own changes, written with the orders' (one insert for all). */
    audits?: { actor: Actor; change: AuditChange }[];
    /** The merchant's settings when the caller has them (a batch reads them from a snapshot). */
    settings?: CommerceSettings;
    /** The checkouts' lines and their products when the caller just wrote them (else read here). */
    lines?: Awaited<ReturnType<typeof linesWithProducts>>;
  } = {},
): Promise<OrderRow[]> {
  const settings = opts.settings ?? (await getSettings(trx, merchantId));
  const { lines, products } =
    opts.lines ??
    (await linesWithProducts(
      trx,
      merchantId,
      paid.map((p) => p.checkout.id),
    ));
  let orders = await insertOrders(
    trx,
    paid.map(({ checkout, paidAt }) => ({
      merchantId,
      memberId: checkout.memberId,
      checkoutId: checkout.id,
      status: 'paid' as const,
      channel,
      totalCents: checkout.totalCents,
      pointsUsed: checkout.pointsUsed,
      pointsEarned: Math.floor((checkout.totalCents * settings.pointsPerYuan) / 100),
      quote: checkout.quote,
      buyer: checkout.buyer,
      carrier: null,
      trackingNo: null,
      paidAt,
      shippedAt: null,
      completedAt: null,
      closedAt: null,
      createdAt: paidAt,
      updatedAt: paidAt,
    })),
  );
  const orderOf = new Map(orders.map((o) => [o.checkoutId!, o]));
  const items = await repo.insertItems(
    trx,
    lines.map((l) => {
      const p = products.get(l.productId)!;
      const order = orderOf.get(l.checkoutId)!;
      return {
        orderId: order.id,
        merchantId,
        productId: p.id,
        productType: p.type,
        productName: p.name,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        payableCents: l.payableCents,
      };
    }),
  );
  const itemsOf = new Map<number, OrderItemRow[]>(orders.map((o) => [o.id, []]));
  for (const item of items) itemsOf.get(item.orderId)!.push(item);

  // Goods to ship, or keys the pool did not have yet: such an order stays paid until they go out.
  const waiting = new Set<number>();
  const fulfilments: Insertable<FulfilmentTable>[] = [];
  for (const order of orders) {
    for (const item of itemsOf.get(order.id)!) {
      const product = products.get(item.productId)!;
      const fulfiller = ctx.fulfilment.get(product.type);
      if (!fulfiller) throw new Error(`no fulfiller for ${product.type}`);
      const res = await fulfiller.fulfil({ trx, order, item, product });
      if (res.status !== 'delivered' || PRODUCT_TYPES[item.productType].shipped) waiting.add(order.id);
      fulfilments.push({
        orderItemId: item.id,
        merchantId,
        status: res.status,
        result: JSON.stringify(res.result ?? null),
        createdAt: order.paidAt,
      });
    }
  }
  await repo.insertFulfilments(trx, fulfilments);
  await recordForOrders(
    trx,
    merchantId,
    orders.map((order) => ({ order, items: itemsOf.get(order.id)! })),
    products,
  );
  await earnPoints(
    trx,
    orders.map((o) => ({ merchantId, memberId: o.memberId, delta: o.pointsEarned, orderId: o.id })),
    Math.max(...orders.map((o) => o.paidAt)),
  );
  for (const { checkout } of paid) {
    if (!checkout.couponRef) continue;
    await ctx.coupons.consume(trx, {
      merchantId,
      ref: checkout.couponRef,
      checkoutId: checkout.id,
      orderId: orderOf.get(checkout.id)!.id,
    });
  }
  // Delivered goods complete at once (S0.1); anything to ship waits for the merchant.
  const done = orders.filter((o) => !waiting.has(o.id));
  for (const [paidAt, group] of groupBy(done, (o) => o.paidAt)) {
    const ids = group.map((o) => o.id);
    const { fulfil, complete } = ORDER_TRANSITIONS;
    await repo.moveOrders(trx, merchantId, ids, fulfil.from, { status: fulfil.to, updatedAt: paidAt });
    const completed = await repo.moveOrders(trx, merchantId, ids, complete.from, {
      status: complete.to,
      completedAt: paidAt,
      updatedAt: paidAt,
    });
    const byId = new Map(completed.map((o) => [o.id, o]));
    orders = orders.map((o) => byId.get(o.id) ?? o);
    await scheduleSettlement(trx, ids, paidAt, settings.afterSalesDays);
  }
  await recordAudits(trx, [
    ...(opts.audits ?? []),
    ...orders.map((order) => ({
      actor: { ...SYSTEM_ACTOR, merchantId },
      change: {
        action: 'order.paid',
        targetType: 'order',
        targetId: order.id,
        after: {
          orderNo: order.orderNo,
          status: order.status,
          totalCents: order.totalCents,
          checkoutId: order.checkoutId,
        },
      },
    })),
  ]);
  return orders;
}

/**
 * A late delivery (card keys imported after the order was paid short, S1.1): the item's
 * fulfilment becomes delivered and, once nothing of the order is waiting, the order completes the
 * way a delivered order completes at payment. Runs in the caller's transaction.
 */
export async function completeLateDelivery(
  trx: Transaction<DB>,
  order: { id: number; merchantId: number },
  orderItemId: number,
  result: unknown,
  at: number,
): Promise<void> {
  if (!(await repo.markFulfilmentDelivered(trx, orderItemId, JSON.stringify(result ?? null)))) return;
  if ((await repo.undeliveredItems(trx, order.id)).length > 0) return;
  const fulfilled = await repo.moveOrder(trx, order.merchantId, order.id, ORDER_TRANSITIONS.fulfil.from, {
    status: ORDER_TRANSITIONS.fulfil.to,
    updatedAt: at,
  });
  if (!fulfilled) return;
  const completed = (await repo.moveOrder(trx, order.merchantId, order.id, ORDER_TRANSITIONS.complete.from, {
    status: ORDER_TRANSITIONS.complete.to,
    completedAt: at,
    updatedAt: at,
  }))!;
  const settings = await getSettings(trx, order.merchantId);
  await scheduleSettlement(trx, [completed.id], at, settings.afterSalesDays);
  await recordAudit(
    trx,
    { ...SYSTEM_ACTOR, merchantId: order.merchantId },
    {
      action: 'order.complete',
      targetType: 'order',
      targetId: order.id,
      before: { status: 'paid' },
      after: { status: completed.status },
    },
  );
}
