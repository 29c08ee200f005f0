// Delivery of card keys for paid orders (S1.1): exactly the bought quantity is taken in the
// payment's transaction, marked sold with the order and counted; when the pool is short the
// order item waits ("awaiting stock", a backorder) and the rest is delivered as soon as keys are
// imported or released. Keys are shown only to the buyer, decrypted on request.
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, Executor, OrderItemRow, OrderRow } from '../../db/schema.ts';
import { now } from '../../lib/time.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { completeLateDelivery } from '../commerce/order-placement.ts';
import { openKey } from './card-key.format.ts';
import * as repo from './card-key.repo.ts';

type Engine = repo.Engine;

/**
 * Takes up to `n` available keys and marks them sold, counted in the same transaction. Short only
 * when the pool is (or, on PostgreSQL, every remaining key is held by a payment in flight); a
 * short order item waits, and the sweeper serves it if those keys come back.
 */
export async function sellFromPool(
  trx: Transaction<DB>,
  engine: Engine,
  poolId: number,
  n: number,
  at: number,
) {
  const got = await repo.takeAvailable(trx, engine, poolId, n, { move: 'sell', at });
  if (got.length > 0) await repo.bumpCounter(trx, poolId, { available: -got.length, sold: got.length });
  return got;
}

export interface DeliveryOutcome {
  delivered: number;
  missing: number;
}

/** Keys for one paid order item. One-time pools sell `quantity` keys; a reusable pool gives its key. */
export async function deliverOrderItem(
  ctx: AppContext,
  trx: Transaction<DB>,
  input: { order: OrderRow; item: OrderItemRow; poolId: number },
): Promise<DeliveryOutcome> {
  const { order, item, poolId } = input;
  const at = now();
  // The common case on PostgreSQL is one statement (pool, take, count, sell, audit); like the other
  // engine-specific fast paths it gives exactly what the general path below would.
  if (ctx.database.engine === 'postgres') {
    const sold = await repo.sellForOrderItemPg(trx, {
      merchantId: order.merchantId,
      poolId,
      n: item.quantity,
      memberId: order.memberId,
      orderId: order.id,
      orderItemId: item.id,
      at,
    });
    if (sold) return waitForTheRest(trx, { order, item, poolId }, item.quantity - sold.length, at);
  }
  const pool = await repo.findPool(trx, order.merchantId, poolId);
  let keyIds: number[] = [];
  let delivered = 0;
  if (pool?.reusable === 1) {
    const key = await repo.firstAvailable(trx, pool.id);
    if (key) {
      keyIds = [Number(key.id)];
      delivered = item.quantity;
    }
  } else if (pool) {
    keyIds = (await sellFromPool(trx, ctx.database.engine, pool.id, item.quantity, at)).map((k) => k.id);
    delivered = keyIds.length;
  }
  const sale = (keyId: number) => ({
    merchantId: order.merchantId,
    poolId,
    keyId,
    memberId: order.memberId,
    orderId: order.id,
    orderItemId: item.id,
    source: 'order',
    activityRef: null,
    createdAt: at,
  });
  await repo.insertSales(trx, keyIds.map(sale));
  const missing = item.quantity - delivered;
  await recordAudit(
    trx,
    { ...SYSTEM_ACTOR, merchantId: order.merchantId, name: 'fulfilment' },
    {
      action: missing > 0 ? 'card_key.deliver_short' : 'card_key.deliver',
      targetType: 'cardKeyPool',
      targetId: poolId,
      after: { orderId: order.id, orderItemId: item.id, keyIds, missing },
    },
  );
  return waitForTheRest(trx, input, missing, at);
}

/** A short delivery leaves the rest waiting for stock (a backorder served on import). */
async function waitForTheRest(
  trx: Transaction<DB>,
  input: { order: OrderRow; item: OrderItemRow; poolId: number },
  missing: number,
  at: number,
): Promise<DeliveryOutcome> {
  const { order, item, poolId } = input;
  if (missing > 0) {
    await repo.insertBackorder(trx, {
      merchantId: order.merchantId,
      poolId,
      orderId: order.id,
      orderItemId: item.id,
      memberId: order.memberId,
      missing,
      createdAt: at,
      updatedAt: at,
    });
  }
  return { delivered: item.quantity - missing, missing };
}

/**
 * Serves waiting order items of a pool, oldest first, in batches (each its own transaction,
 * rows locked with SKIP LOCKED so fillers in several processes never serve one item twice).
 */
export async function fillBackorders(ctx: AppContext, merchantId: number, poolId: number): Promise<number> {
  let served = 0;
  for (;;) {
    const { progressed, more } = await ctx.db.transaction().execute(async (trx) => {
      const pool = await repo.findPool(trx, merchantId, poolId);
      if (!pool) return { progressed: 0, more: false };
      const waiting = await repo.waitingBackorders(trx, ctx.database.engine, pool.id, 50);
      let n = 0;
      let dry = false;
      for (const b of waiting) {
        const at = now();
        let keyIds: number[];
        if (pool.reusable === 1) {
          const key = await repo.firstAvailable(trx, pool.id);
          keyIds = key ? [Number(key.id)] : [];
        } else
          keyIds = (await sellFromPool(trx, ctx.database.engine, pool.id, b.missing, at)).map((k) => k.id);
        if (keyIds.length === 0) {
          dry = true;
          break;
        }
        const got = pool.reusable === 1 ? b.missing : keyIds.length;
        await repo.insertSales(
          trx,
          keyIds.map((keyId) => ({
            merchantId: b.merchantId,
            poolId: pool.id,
            keyId,
            memberId: b.memberId,
            orderId: b.orderId,
            orderItemId: b.orderItemId,
            source: 'order',
            activityRef: null,
            createdAt: at,
          })),
        );
        const left = await repo.reduceBackorder(trx, b.id, got, at);
        await recordAudit(
          trx,
          { ...SYSTEM_ACTOR, merchantId: b.merchantId, name: 'fulfilment' },
          {
            action: 'card_key.deliver_late',
            targetType: 'cardKeyPool',
            targetId: pool.id,
            after: { orderId: b.orderId, orderItemId: b.orderItemId, keyIds, missing: left?.missing ?? 0 },
          },
        );
        if (left && Number(left.missing) === 0) {
          await completeLateDelivery(
            trx,
            { id: b.orderId, merchantId: b.merchantId },
            b.orderItemId,
            { cardKeys: { missing: 0 } },
            at,
          );
          n++;
        } else dry = true;
        if (dry) break;
      }
      return { progressed: n, more: !dry && waiting.length === 50 };
    });
    served += progressed;
    if (!more) return served;
  }
}

/** The keys of an order, decrypted, for its buyer (the caller has checked the order is theirs). */
export async function keysOfOrder(ctx: AppContext, exec: Executor, merchantId: number, orderId: number) {
  const sales = await repo.salesOfOrder(exec, merchantId, orderId);
  const pools = new Map<number, Awaited<ReturnType<typeof repo.findPool>>>();
  const out = [];
  for (const s of sales) {
    const poolId = Number(s.poolId);
    if (!pools.has(poolId)) pools.set(poolId, await repo.findPoolAnyState(exec, merchantId, poolId));
    const pool = pools.get(poolId);
    if (!pool) continue;
    const k = openKey(ctx.keys, s.secretEnc, pool.shape);
    out.push({ orderItemId: s.orderItemId, source: s.source, number: k.number, secret: k.secret });
  }
  return out;
}

/** Sweeper step: serves waiting order items of every pool that has keys again. */
export async function fillAllWaiting(ctx: AppContext): Promise<number> {
  let served = 0;
  for (const w of await repo.poolsWithWaiting(ctx.db))
    served += await fillBackorders(ctx, w.merchantId, w.poolId);
  return served;
}
