// Turning a paid checkout into an order, in the payment's transaction: the order and its items,
// one fulfilment per item through the product type's fulfiller, points earned, the coupon used,
// the commission set, sales counted — all or nothing.
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { CheckoutRow, DB, OrderRow } from '../../db/schema.ts';
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
  let order = await repo.insertOrder(trx, {
    merchantId: checkout.merchantId,
    memberId: checkout.memberId,
    checkoutId: checkout.id,
    orderNo: newOrderNo(opts.paidAt),
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
    if (res.status === 'awaiting_shipment') awaitingShipment = true;
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
