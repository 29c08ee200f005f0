// Card-key pools and their keys: create and edit pools, list keys masked, reveal one (audited),
// delete unused keys and unused pools (S1.8), export unsold keys, and the low-stock list.
import type { CardKey, CardKeyPool } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/database.ts';
import type { CardKeyPoolRow, CardKeyRow, CardKeyState, Executor } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { pageWindow } from '../../http/pagination.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { productsFulfilledBy } from '../commerce/catalog.service.ts';
import { maskKey, openKey } from './card-key.format.ts';
import * as repo from './card-key.repo.ts';
import type { PoolBody, PoolPatch } from './card-key.schemas.ts';
import { counterDelta } from './card-key.states.ts';

type MerchantActor = Actor & { merchantId: number };

export function toPool(
  r: CardKeyPoolRow,
  counts: repo.Counts,
  waiting: { orders: number; missing: number } = { orders: 0, missing: 0 },
): CardKeyPool {
  return {
    id: r.id,
    name: r.name,
    shape: r.shape,
    reusable: r.reusable === 1,
    lowStockThreshold: r.lowStockThreshold,
    available: counts.available,
    occupied: counts.occupied,
    sold: counts.sold,
    lowStock: counts.available <= r.lowStockThreshold,
    waitingOrders: waiting.orders,
    waitingKeys: waiting.missing,
    createdAt: iso(r.createdAt),
  };
}

export async function getPoolRow(exec: Executor, merchantId: number, id: number) {
  const pool = await repo.findPool(exec, merchantId, id);
  if (!pool) throw notFound('cardKeyPool');
  return pool;
}

async function waitingOf(exec: Executor, merchantId: number) {
  return new Map(
    (await repo.waitingByPool(exec, merchantId)).map((w) => [
      Number(w.poolId),
      { orders: Number(w.orders), missing: Number(w.missing) },
    ]),
  );
}

export async function viewPool(exec: Executor, merchantId: number, id: number) {
  const pool = await getPoolRow(exec, merchantId, id);
  const counts = (await repo.countsOf(exec, [pool.id])).get(pool.id)!;
  return toPool(pool, counts, (await waitingOf(exec, merchantId)).get(pool.id));
}

export async function listPools(exec: Executor, merchantId: number, q: { page?: number; pageSize?: number }) {
  const { page, pageSize, offset } = pageWindow(q);
  const { rows, total } = await repo.listPools(exec, merchantId, pageSize, offset);
  const counts = await repo.countsOf(
    exec,
    rows.map((r) => r.id),
  );
  const waiting = await waitingOf(exec, merchantId);
  return {
    items: rows.map((r) => toPool(r, counts.get(r.id)!, waiting.get(r.id))),
    total,
    page,
    pageSize,
  };
}

/** Pools at or below their threshold, or with paid orders waiting for keys (the merchant's alert). */
export async function lowStockPools(exec: Executor, merchantId: number) {
  const pools = await repo.allPools(exec, merchantId);
  const counts = await repo.countsOf(
    exec,
    pools.map((p) => p.id),
  );
  const waiting = await waitingOf(exec, merchantId);
  return pools
    .map((p) => toPool(p, counts.get(p.id)!, waiting.get(p.id)))
    .filter((p) => p.lowStock || p.waitingOrders > 0);
}

export async function createPool(exec: Executor, actor: MerchantActor, input: Static<typeof PoolBody>) {
  return inTransaction(exec, async (trx) => {
    const at = now();
    const row = await repo.insertPool(trx, {
      merchantId: actor.merchantId,
      name: input.name,
      shape: input.shape,
      lowStockThreshold: input.lowStockThreshold ?? 0,
      reusable: input.reusable ? 1 : 0,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    const pool = toPool(row, { available: 0, occupied: 0, sold: 0 });
    await recordAudit(trx, actor, {
      action: 'card_key_pool.create',
      targetType: 'cardKeyPool',
      targetId: row.id,
      after: pool,
    });
    return pool;
  });
}

export async function updatePool(
  exec: Executor,
  actor: MerchantActor,
  id: number,
  input: Static<typeof PoolPatch>,
) {
  return inTransaction(exec, async (trx) => {
    const before = await getPoolRow(trx, actor.merchantId, id);
    const row = (await repo.updatePool(trx, actor.merchantId, id, {
      name: input.name,
      lowStockThreshold: input.lowStockThreshold,
      updatedAt: now(),
    }))!;
    await recordAudit(trx, actor, {
      action: 'card_key_pool.update',
      targetType: 'cardKeyPool',
      targetId: id,
      before: { name: before.name, lowStockThreshold: before.lowStockThreshold },
      after: { name: row.name, lowStockThreshold: row.lowStockThreshold },
    });
    return viewPool(trx, actor.merchantId, id);
  });
}

export const linkedProducts = (exec: Executor, merchantId: number, poolId: number) =>
  productsFulfilledBy(exec, merchantId, 'card_key', String(poolId));

/** S1.8: a pool that a product on sale or an activity uses cannot be deleted. */
export async function deletePool(exec: Executor, actor: MerchantActor, id: number) {
  return inTransaction(exec, async (trx) => {
    const pool = await getPoolRow(trx, actor.merchantId, id);
    const onSale = (await linkedProducts(trx, actor.merchantId, id)).filter((p) => p.onSale);
    if (onSale.length > 0)
      throw new AppError('CARD_KEY_POOL_IN_USE', 409, {}, { productIds: onSale.map((p) => p.id) });
    if ((await repo.activeReservationCount(trx, id)) > 0)
      throw new AppError('CARD_KEY_POOL_IN_USE', 409, {}, { reservations: true });
    const counts = (await repo.countsOf(trx, [id])).get(id)!;
    if (counts.occupied > 0)
      throw new AppError('CARD_KEY_POOL_IN_USE', 409, {}, { occupied: counts.occupied });
    await repo.updatePool(trx, actor.merchantId, id, { deletedAt: now(), updatedAt: now() });
    await recordAudit(trx, actor, {
      action: 'card_key_pool.delete',
      targetType: 'cardKeyPool',
      targetId: id,
      before: toPool(pool, counts),
    });
  });
}

function toCardKey(ctx: AppContext, pool: CardKeyPoolRow, r: CardKeyRow): CardKey {
  return {
    id: r.id,
    poolId: r.poolId,
    masked: maskKey(openKey(ctx.keys, r.secretEnc, pool.shape)),
    state: r.state as Exclude<CardKeyState, 'deleted'>,
    reservationId: r.reservationId,
    soldAt: r.soldAt === null ? null : iso(r.soldAt),
    createdAt: iso(r.createdAt),
  };
}

export async function listKeys(
  ctx: AppContext,
  merchantId: number,
  poolId: number,
  q: { page?: number; pageSize?: number; state?: Exclude<CardKeyState, 'deleted'> },
) {
  const pool = await getPoolRow(ctx.db, merchantId, poolId);
  const { page, pageSize, offset } = pageWindow(q);
  const { rows, total } = await repo.listKeys(
    ctx.db,
    merchantId,
    poolId,
    { state: q.state },
    pageSize,
    offset,
  );
  return { items: rows.map((r) => toCardKey(ctx, pool, r)), total, page, pageSize };
}

async function keyWithPool(exec: Executor, merchantId: number, id: number) {
  const key = await repo.findKey(exec, merchantId, id);
  if (!key) throw notFound('cardKey');
  const pool = await repo.findPoolAnyState(exec, merchantId, key.poolId);
  if (!pool) throw notFound('cardKey');
  return { key, pool };
}

/** The key in plain text, for staff allowed to see it; every reveal is audited. */
export async function revealKey(ctx: AppContext, actor: MerchantActor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { key, pool } = await keyWithPool(trx, actor.merchantId, id);
    const plain = openKey(ctx.keys, key.secretEnc, pool.shape);
    await recordAudit(trx, actor, {
      action: 'card_key.reveal',
      targetType: 'cardKey',
      targetId: id,
      after: { poolId: key.poolId, state: key.state },
    });
    return { id: key.id, number: plain.number, secret: plain.secret };
  });
}

/** S1.8: only an available key can be deleted; occupied and sold keys are refused. */
export async function deleteKey(ctx: AppContext, actor: MerchantActor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { key } = await keyWithPool(trx, actor.merchantId, id);
    const moved = await repo.moveKey(trx, actor.merchantId, id, 'delete', now());
    if (!moved) throw new AppError('CARD_KEY_IN_USE', 409, {}, { state: key.state });
    await repo.bumpCounter(trx, key.poolId, counterDelta('available', 'deleted'));
    await recordAudit(trx, actor, {
      action: 'card_key.delete',
      targetType: 'cardKey',
      targetId: id,
      before: { state: key.state, poolId: key.poolId },
      after: { state: 'deleted' },
    });
  });
}

/** Unsold (available) keys in plain text, page by page, for the owner's export; audited once. */
export async function* exportUnsold(ctx: AppContext, actor: MerchantActor, poolId: number) {
  const pool = await getPoolRow(ctx.db, actor.merchantId, poolId);
  await recordAudit(ctx.db, actor, {
    action: 'card_key.export',
    targetType: 'cardKeyPool',
    targetId: poolId,
  });
  let after = 0;
  for (;;) {
    const rows = await repo.availableKeys(ctx.db, actor.merchantId, poolId, after, 1000);
    for (const r of rows) yield openKey(ctx.keys, r.secretEnc, pool.shape);
    if (rows.length < 1000) return;
    after = Number(rows[rows.length - 1].id);
  }
}
