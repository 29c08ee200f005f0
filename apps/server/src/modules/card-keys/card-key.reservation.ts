// Card keys in marketing activities (S1.5, S1.10), for the activity modules to call (and over
// HTTP with the cardkeys:write scope):
//   bargain with stock reduction: reserve 1 key when it starts → sellReserved when paid;
//   scratch card / nine-grid: sellWin marks a key sold to the winner → attachOrder once the
//     winner's order exists; the key shows only in a paid order;
//   lucky draw: reserve N when the activity is added → sellReserved to each winner at the draw,
//     release the rest; visible after the winner pays.
// An occupation has an expiry; the sweeper gives expired occupations' keys back to the pool.
import type { CardKeyReservation } from '@kaquan/contracts';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { CardKeyReservationRow, DB, Executor } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { getOrder } from '../commerce/order.service.ts';
import { getMember } from '../tenancy/member.service.ts';
import { fillBackorders, sellFromPool } from './card-key.delivery.ts';
import * as repo from './card-key.repo.ts';
import { ACTIVITY_KINDS, counterDelta, REFUSED_ACTIVITY_KINDS } from './card-key.states.ts';

type MerchantActor = Actor & { merchantId: number };

function checkKind(kind: string) {
  if (REFUSED_ACTIVITY_KINDS.includes(kind))
    throw new AppError('CARD_KEY_ACTIVITY_REFUSED', 422, { kind }, { activityKind: kind });
  if (!ACTIVITY_KINDS.includes(kind))
    throw new AppError('VALIDATION_FAILED', 400, {}, { activityKind: kind, allowed: ACTIVITY_KINDS });
}

async function usablePool(exec: Executor, merchantId: number, poolId: number) {
  const pool = await repo.findPool(exec, merchantId, poolId);
  if (!pool) throw notFound('cardKeyPool');
  // A reusable key is never used up, so there is nothing to hold or to win.
  if (pool.reusable === 1) throw new AppError('CARD_KEY_POOL_REUSABLE', 422);
  return pool;
}

export async function toReservation(exec: Executor, r: CardKeyReservationRow): Promise<CardKeyReservation> {
  const by = await repo.countReserved(exec, r.id);
  return {
    id: r.id,
    poolId: r.poolId,
    activityKind: r.activityKind,
    activityRef: r.activityRef,
    quantity: r.quantity,
    status: r.status,
    occupied: by.get('occupied') ?? 0,
    sold: by.get('sold') ?? 0,
    expiresAt: iso(r.expiresAt),
    createdAt: iso(r.createdAt),
  };
}

export async function getReservation(exec: Executor, merchantId: number, id: number) {
  const r = await repo.findReservation(exec, merchantId, id);
  if (!r) throw notFound('cardKeyReservation');
  return r;
}

/** Occupies `quantity` keys for an activity until `expiresAt`; all or nothing. */
export async function reserveKeys(
  ctx: AppContext,
  trx: Transaction<DB>,
  actor: MerchantActor,
  input: { poolId: number; activityKind: string; activityRef: string; quantity: number; expiresAt: number },
) {
  checkKind(input.activityKind);
  const at = now();
  if (input.expiresAt <= at) throw new AppError('VALIDATION_FAILED', 400, {}, { expiresAt: 'in the past' });
  const pool = await usablePool(trx, actor.merchantId, input.poolId);
  const r = await repo.insertReservation(trx, {
    merchantId: actor.merchantId,
    poolId: pool.id,
    activityKind: input.activityKind,
    activityRef: input.activityRef,
    quantity: input.quantity,
    status: 'active',
    expiresAt: input.expiresAt,
    createdAt: at,
    updatedAt: at,
  });
  const got = await repo.takeAvailable(trx, ctx.database.engine, pool.id, input.quantity, {
    move: 'occupy',
    reservationId: r.id,
    at,
  });
  if (got.length < input.quantity)
    throw new AppError('CARD_KEYS_SHORT', 409, { available: got.length }, { available: got.length });
  await repo.bumpCounter(trx, pool.id, counterDelta('available', 'occupied', got.length));
  await recordAudit(trx, actor, {
    action: 'card_key.occupy',
    targetType: 'cardKeyReservation',
    targetId: r.id,
    after: {
      poolId: pool.id,
      activityKind: r.activityKind,
      activityRef: r.activityRef,
      keyIds: got.map((k) => k.id),
    },
  });
  return toReservation(trx, r);
}

/** The member must be the merchant's; the order, when given, that member's. */
async function checkOrder(exec: Executor, merchantId: number, orderId: number | undefined, memberId: number) {
  await getMember(exec, merchantId, memberId);
  if (orderId === undefined) return null;
  const { order } = await getOrder(exec, merchantId, orderId, memberId);
  return order.id;
}

/** Turns `quantity` occupied keys of a reservation into sales to a member (a bargain paid, a draw won). */
export async function sellReserved(
  trx: Transaction<DB>,
  actor: MerchantActor,
  id: number,
  input: { memberId: number; quantity: number; orderId?: number },
) {
  const r = await getReservation(trx, actor.merchantId, id);
  if (r.status !== 'active') throw new AppError('CARD_KEY_RESERVATION_CLOSED', 409);
  const orderId = await checkOrder(trx, actor.merchantId, input.orderId, input.memberId);
  const at = now();
  const keys = await repo.moveReserved(trx, r.id, input.quantity, 'sellReserved', at);
  if (keys.length < input.quantity)
    throw new AppError('CARD_KEYS_NOT_RESERVED', 409, { occupied: keys.length }, { occupied: keys.length });
  await repo.bumpCounter(trx, r.poolId, counterDelta('occupied', 'sold', keys.length));
  await repo.insertSales(
    trx,
    keys.map((k) => ({
      merchantId: r.merchantId,
      poolId: r.poolId,
      keyId: k.id,
      memberId: input.memberId,
      orderId,
      orderItemId: null,
      source: r.activityKind,
      activityRef: r.activityRef,
      createdAt: at,
    })),
  );
  await closeIfEmpty(trx, r, at);
  await recordAudit(trx, actor, {
    action: 'card_key.sell_reserved',
    targetType: 'cardKeyReservation',
    targetId: r.id,
    after: { memberId: input.memberId, orderId, keyIds: keys.map((k) => k.id) },
  });
  return keys.map((k) => ({ keyId: k.id, memberId: input.memberId, orderId, source: r.activityKind }));
}

async function closeIfEmpty(trx: Transaction<DB>, r: CardKeyReservationRow, at: number) {
  if (((await repo.countReserved(trx, r.id)).get('occupied') ?? 0) === 0)
    await repo.closeReservation(trx, r.id, at);
}

/** Gives occupied keys back to the pool (all of them when `quantity` is null). */
export async function releaseReserved(
  trx: Transaction<DB>,
  actor: MerchantActor,
  id: number,
  quantity: number | null,
) {
  const r = await getReservation(trx, actor.merchantId, id);
  if (r.status !== 'active') throw new AppError('CARD_KEY_RESERVATION_CLOSED', 409);
  const at = now();
  const keys = await repo.moveReserved(trx, r.id, quantity, 'release', at);
  await repo.bumpCounter(trx, r.poolId, counterDelta('occupied', 'available', keys.length));
  await closeIfEmpty(trx, r, at);
  await recordAudit(trx, actor, {
    action: 'card_key.release',
    targetType: 'cardKeyReservation',
    targetId: r.id,
    after: { keyIds: keys.map((k) => k.id) },
  });
  return { released: keys.length, poolId: r.poolId };
}

/** A scratch-card or nine-grid win: an available key is sold to the winner at once. */
export async function sellWin(
  ctx: AppContext,
  trx: Transaction<DB>,
  actor: MerchantActor,
  input: { poolId: number; activityKind: string; activityRef: string; memberId: number; quantity: number },
) {
  checkKind(input.activityKind);
  const pool = await usablePool(trx, actor.merchantId, input.poolId);
  await checkOrder(trx, actor.merchantId, undefined, input.memberId);
  const at = now();
  const keys = await sellFromPool(trx, ctx.database.engine, pool.id, input.quantity, at);
  if (keys.length < input.quantity)
    throw new AppError('CARD_KEYS_SHORT', 409, { available: keys.length }, { available: keys.length });
  await repo.insertSales(
    trx,
    keys.map((k) => ({
      merchantId: pool.merchantId,
      poolId: pool.id,
      keyId: k.id,
      memberId: input.memberId,
      orderId: null,
      orderItemId: null,
      source: input.activityKind,
      activityRef: input.activityRef,
      createdAt: at,
    })),
  );
  await recordAudit(trx, actor, {
    action: 'card_key.sell_win',
    targetType: 'cardKeyPool',
    targetId: pool.id,
    after: { memberId: input.memberId, activityKind: input.activityKind, keyIds: keys.map((k) => k.id) },
  });
  return keys.map((k) => ({
    keyId: k.id,
    memberId: input.memberId,
    orderId: null,
    source: input.activityKind,
  }));
}

/** Links keys a member won to the member's order: they show in that order once it is paid. */
export async function attachOrder(
  trx: Transaction<DB>,
  actor: MerchantActor,
  input: { keyIds: number[]; memberId: number; orderId: number },
) {
  const orderId = (await checkOrder(trx, actor.merchantId, input.orderId, input.memberId))!;
  const rows = await repo.attachSalesToOrder(trx, actor.merchantId, input.keyIds, input.memberId, orderId);
  if (rows.length !== input.keyIds.length) throw new AppError('CARD_KEY_SALE_INVALID', 409);
  await recordAudit(trx, actor, {
    action: 'card_key.attach_order',
    targetType: 'order',
    targetId: orderId,
    after: { keyIds: input.keyIds, memberId: input.memberId },
  });
  return repo
    .salesOfKeys(trx, actor.merchantId, input.keyIds)
    .then((sales) =>
      sales.map((s) => ({ keyId: s.keyId, memberId: s.memberId, orderId: s.orderId, source: s.source })),
    );
}

/** Releases every occupation whose expiry has passed (each in its own transaction); how many. */
export async function expireReservations(ctx: AppContext, at = now()): Promise<number> {
  let expired = 0;
  const pools = new Map<number, number>();
  for (;;) {
    const due = await repo.dueReservations(ctx.db, at, 200);
    for (const d of due) {
      const closed = await ctx.db.transaction().execute(async (trx) => {
        const r = await repo.closeReservation(trx, d.id, at, at);
        if (!r) return null;
        const keys = await repo.moveReserved(trx, r.id, null, 'release', at);
        await repo.bumpCounter(trx, r.poolId, counterDelta('occupied', 'available', keys.length));
        await recordAudit(
          trx,
          { ...SYSTEM_ACTOR, merchantId: r.merchantId, name: 'sweeper' },
          {
            action: 'card_key.occupation_expired',
            targetType: 'cardKeyReservation',
            targetId: r.id,
            after: { keyIds: keys.map((k) => k.id) },
          },
        );
        return { poolId: r.poolId, released: keys.length };
      });
      if (closed) expired++;
      if (closed && closed.released > 0) pools.set(closed.poolId, d.merchantId);
    }
    if (due.length < 200) break;
  }
  // Keys back in a pool first serve paid orders waiting for them.
  for (const [poolId, merchantId] of pools) await fillBackorders(ctx, merchantId, poolId);
  return expired;
}
