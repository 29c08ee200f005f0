// Orders: what buyers and staff see, and the transitions of order.states.ts with their effects
// (ship details, commission settlement on completion; on cancel/refund the payment is refunded,
// deliveries revoked, points returned and taken back, commissions reversed).
import type { Buyer, Order, Quote } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, Executor, OrderRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { reverseForOrder, scheduleSettlement } from '../commission/commission.service.ts';
import * as catalog from './catalog.repo.ts';
import * as checkouts from './checkout.repo.ts';
import type { OrderListQuery } from './commerce.schemas.ts';
import { getSettings, movePoints, takeBackPoints } from './loyalty.service.ts';
import * as repo from './order.repo.ts';
import { allowedActions, ORDER_TRANSITIONS, type OrderAction } from './order.states.ts';
import { PRODUCT_TYPES } from './product-types.ts';

type ItemRow = Awaited<ReturnType<typeof repo.itemsOf>>[number];
type OrderWithPhone = OrderRow & { memberPhone: string };

function facts(items: ItemRow[]) {
  return {
    refundable: items.every((i) => PRODUCT_TYPES[i.productType].refundable),
    shipped: items.some((i) => PRODUCT_TYPES[i.productType].shipped),
  };
}

export function toOrder(o: OrderWithPhone, items: ItemRow[], who: 'staff' | 'member'): Order {
  const f = facts(items);
  return {
    id: o.id,
    orderNo: o.orderNo,
    memberId: o.memberId,
    memberPhone: o.memberPhone,
    status: o.status,
    channel: o.channel,
    totalCents: o.totalCents,
    pointsUsed: o.pointsUsed,
    pointsEarned: o.pointsEarned,
    quote: JSON.parse(o.quote) as Quote,
    buyer: JSON.parse(o.buyer) as Static<typeof Buyer>,
    items: items.map((i) => ({
      id: i.id,
      productId: i.productId,
      productType: i.productType,
      productName: i.productName,
      quantity: i.quantity,
      unitPriceCents: i.unitPriceCents,
      payableCents: i.payableCents,
      fulfilment:
        i.fulfilmentStatus && i.fulfilledAt !== null
          ? {
              status: i.fulfilmentStatus,
              result: JSON.parse(i.fulfilmentResult ?? 'null'),
              at: iso(i.fulfilledAt),
            }
          : null,
    })),
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    refundable: f.refundable,
    actions: allowedActions({ status: o.status, ...f }, who).filter((a) => a !== 'fulfil'),
    paidAt: iso(o.paidAt),
    shippedAt: isoOrNull(o.shippedAt),
    completedAt: isoOrNull(o.completedAt),
    closedAt: isoOrNull(o.closedAt),
    createdAt: iso(o.createdAt),
  };
}

export async function listOrders(
  exec: Executor,
  merchantId: number,
  q: Static<typeof OrderListQuery>,
  who: 'staff' | 'member',
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listOrders(
    exec,
    merchantId,
    { ...q, from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined },
    pageSize,
    (page - 1) * pageSize,
  );
  const items = await repo.itemsOf(
    exec,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      toOrder(
        r,
        items.filter((i) => i.orderId === r.id),
        who,
      ),
    ),
    total,
    page,
    pageSize,
  };
}

export async function getOrder(exec: Executor, merchantId: number, id: number, memberId?: number) {
  const o = await repo.findOrder(exec, merchantId, id);
  if (!o || (memberId !== undefined && o.memberId !== memberId)) throw notFound('order');
  return { order: o, items: await repo.itemsOf(exec, [id]) };
}

export async function viewOrder(
  exec: Executor,
  merchantId: number,
  id: number,
  who: 'staff' | 'member',
  memberId?: number,
) {
  const { order, items } = await getOrder(exec, merchantId, id, memberId);
  return toOrder(order, items, who);
}

export async function actOnOrder(
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  id: number,
  action: Exclude<OrderAction, 'fulfil'>,
  opts: {
    who: 'staff' | 'member';
    memberId?: number;
    ship?: { carrier: string; trackingNo: string };
    reason?: string;
  },
): Promise<Order> {
  return ctx.db.transaction().execute(async (trx) => {
    const { order, items } = await getOrder(trx, actor.merchantId, id, opts.memberId);
    const t = ORDER_TRANSITIONS[action];
    const f = facts(items);
    if (t.refunds && !f.refundable) throw new AppError('ORDER_NOT_REFUNDABLE', 409);
    if (!allowedActions({ status: order.status, ...f }, opts.who).includes(action))
      throw new AppError('INVALID_TRANSITION', 409, {}, { status: order.status, action });
    const at = now();
    const moved = await repo.moveOrder(trx, actor.merchantId, id, t.from, {
      status: t.to,
      updatedAt: at,
      ...(t.stamp ? { [t.stamp]: at } : {}),
      ...(opts.ship ?? {}),
    });
    if (!moved) throw new AppError('INVALID_TRANSITION', 409, {}, { action });

    if (t.to === 'completed') {
      const settings = await getSettings(trx, actor.merchantId);
      await scheduleSettlement(trx, [id], at, settings.afterSalesDays);
    }
    if (t.refunds) await undoOrder(ctx, trx, order, items, action, at, opts.reason);
    await recordAudit(trx, actor, {
      action: `order.${action}`,
      targetType: 'order',
      targetId: id,
      before: { status: order.status },
      after: { status: t.to, ...(opts.ship ?? {}), ...(opts.reason ? { reason: opts.reason } : {}) },
    });
    return toOrder({ ...moved, memberPhone: order.memberPhone }, items, opts.who);
  });
}

async function undoOrder(
  ctx: AppContext,
  trx: Transaction<DB>,
  order: OrderRow,
  items: ItemRow[],
  action: OrderAction,
  at: number,
  reason?: string,
) {
  if (order.checkoutId !== null) {
    const payment = await checkouts.findPaymentOfCheckout(trx, order.checkoutId);
    if (
      payment &&
      (await checkouts.movePayment(trx, payment.id, ['succeeded'], {
        status: 'refunded',
        refundedAt: at,
        updatedAt: at,
      }))
    ) {
      await ctx.payments.sandbox.refund({
        token: payment.token,
        amountCents: payment.amountCents,
        reason: reason ?? action,
      });
    }
  }
  const products = new Map(
    (
      await catalog.findProducts(
        trx,
        order.merchantId,
        items.map((i) => i.productId),
      )
    ).map((p) => [p.id, p]),
  );
  for (const item of items) {
    const product = products.get(item.productId)!;
    await ctx.fulfilment.get(item.productType)?.revoke?.({ trx, order, item, product });
    // Goods never shipped go back on the shelf; shipped ones come back through the merchant.
    if (action === 'cancel') await catalog.releaseStock(trx, item.productId, item.quantity);
  }
  if (order.pointsUsed > 0) {
    await movePoints(
      trx,
      {
        merchantId: order.merchantId,
        memberId: order.memberId,
        delta: order.pointsUsed,
        reason: 'refund_spend',
        orderId: order.id,
      },
      at,
    );
  }
  if (order.pointsEarned > 0) {
    // Take back what the order earned, as far as the balance allows (points may be spent).
    await takeBackPoints(
      trx,
      {
        merchantId: order.merchantId,
        memberId: order.memberId,
        points: order.pointsEarned,
        orderId: order.id,
      },
      at,
    );
  }
  await reverseForOrder(trx, order.id, at);
}
