// Turning a paid checkout into an order, in the payment's transaction: the order and its items,
// one fulfilment per item through the product type's fulfiller, points earned, the coupon used,
// the commission set, sales counted — all or nothing.
import { randomInt } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { CheckoutRow, DB, OrderRow, OrderTable } from '../../db/schema.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { recordForOrder, scheduleSettlement } from '../commission/commission.service.ts';
import * as catalog from './catalog.repo.ts';
import { findLines } from './checkout.repo.ts';
import { getSettings, movePoints } from './loyalty.service.ts';
import * as repo from './order.repo.ts';
import { ORDER_TRANSITIONS } from './order.states.ts';
import { PRODUCT_TYPES } from './product-types.ts';

/** 20 digits: the paid time (yyyymmddhhmmss, UTC) and 6 random digits; unique by constraint. */
export function newOrderNo(at: number): string {
  const stamp = new Date(at).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/**
 * Inserts the order under a fresh number. Six random digits per second collide now and then
 * under load, so a taken number is drawn again (ON CONFLICT DO NOTHING keeps a PostgreSQL
 * transaction usable, which a unique violation would not).
 */
async function insertOrder(
  trx: Transaction<DB>,
  v: Omit<Insertable<OrderTable>, 'orderNo'>,
): Promise<OrderRow> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const row = await repo.insertOrder(trx, { ...v, orderNo: newOrderNo(Number(v.paidAt)) });
    if (row) return row;
  }
  throw new Error('no free order number');
}

export async function createOrderFromCheckout(
  ctx: AppContext,
  trx: Transaction<DB>,
  checkout: CheckoutRow,
  opts: { paidAt: number; channel: 'purchase' | 'redemption' },
): Promise<OrderRow> {
  const settings = await getSettings(trx, checkout.merchantId);
  const lines = await findLines(trx, checkout.id);
  const products = new Map(
    (
      await catalog.findProducts(
        trx,
        checkout.merchantId,
        lines.map((l) => l.productId),
      )
    ).map((p) => [p.id, p]),
  );
  const pointsEarned = Math.floor((checkout.totalCents * settings.pointsPerYuan) / 100);
  let order = await insertOrder(trx, {
    merchantId: checkout.merchantId,
    memberId: checkout.memberId,
    checkoutId: checkout.id,
    status: 'paid',
    channel: opts.channel,
    totalCents: checkout.totalCents,
    pointsUsed: checkout.pointsUsed,
    pointsEarned,
    quote: checkout.quote,
    buyer: checkout.buyer,
    carrier: null,
    trackingNo: null,
    paidAt: opts.paidAt,
    shippedAt: null,
    completedAt: null,
    closedAt: null,
    createdAt: opts.paidAt,
    updatedAt: opts.paidAt,
  });
  const items = await repo.insertItems(
    trx,
    lines.map((l) => {
      const p = products.get(l.productId)!;
      return {
        orderId: order.id,
        merchantId: order.merchantId,
        productId: p.id,
        productType: p.type,
        productName: p.name,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        payableCents: l.payableCents,
      };
    }),
  );

  let awaitingShipment = false;
  for (const item of items) {
    const product = products.get(item.productId)!;
    const fulfiller = ctx.fulfilment.get(product.type);
    if (!fulfiller) throw new Error(`no fulfiller for ${product.type}`);
    const res = await fulfiller.fulfil({ trx, order, item, product });
    // Goods to ship, or keys the pool did not have yet: the order stays paid until they go out.
    if (res.status !== 'delivered') awaitingShipment = true;
    await repo.insertFulfilment(trx, {
      orderItemId: item.id,
      merchantId: order.merchantId,
      status: res.status,
      result: JSON.stringify(res.result ?? null),
      createdAt: opts.paidAt,
    });
  }

  await recordForOrder(trx, order, items, products);
  if (pointsEarned > 0) {
    await movePoints(
      trx,
      {
        merchantId: order.merchantId,
        memberId: order.memberId,
        delta: pointsEarned,
        reason: 'earn',
        orderId: order.id,
      },
      opts.paidAt,
    );
  }
  if (checkout.couponRef) {
    await ctx.coupons.consume(trx, {
      merchantId: order.merchantId,
      ref: checkout.couponRef,
      checkoutId: checkout.id,
      orderId: order.id,
    });
  }
  // Delivered goods complete at once (S0.1); anything to ship waits for the merchant.
  if (!awaitingShipment && items.every((i) => !PRODUCT_TYPES[i.productType].shipped)) {
    const fulfil = ORDER_TRANSITIONS.fulfil;
    await repo.moveOrder(trx, order.merchantId, order.id, fulfil.from, {
      status: fulfil.to,
      updatedAt: opts.paidAt,
    });
    const complete = ORDER_TRANSITIONS.complete;
    order = (await repo.moveOrder(trx, order.merchantId, order.id, complete.from, {
      status: complete.to,
      completedAt: opts.paidAt,
      updatedAt: opts.paidAt,
    }))!;
    await scheduleSettlement(trx, order.id, opts.paidAt, settings.afterSalesDays);
  }
  await recordAudit(
    trx,
    { ...SYSTEM_ACTOR, merchantId: order.merchantId },
    {
      action: 'order.paid',
      targetType: 'order',
      targetId: order.id,
      after: {
        orderNo: order.orderNo,
        status: order.status,
        totalCents: order.totalCents,
        checkoutId: checkout.id,
      },
    },
  );
  return order;
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
  await scheduleSettlement(trx, completed.id, at, settings.afterSalesDays);
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
