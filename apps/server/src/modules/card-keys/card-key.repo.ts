// All SQL of card keys. Key state changes are single conditional statements whose `WHERE state`
// comes from card-key.states.ts; each is paired with a counter change in the same transaction.
import { randomInt } from 'node:crypto';
import { type Insertable, sql, type Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import { pageOf } from '../../db/query.ts';
import type {
  CardKeyBackorderTable,
  CardKeyPoolTable,
  CardKeyReservationTable,
  CardKeySaleTable,
  CardKeyState,
  CardKeyTable,
  Executor,
} from '../../db/schema.ts';
import { KEY_MOVES, type KeyMove } from './card-key.states.ts';

export type Engine = 'sqlite' | 'postgres';

/** Shards of the stock counter: concurrent deliveries spread their counter updates over them. */
export const COUNTER_SHARDS = 8;

// ── pools ────────────────────────────────────────────────────────────────────────────────────

export const insertPool = (exec: Executor, v: Insertable<CardKeyPoolTable>) =>
  exec.insertInto('cardKeyPools').values(v).returningAll().executeTakeFirstOrThrow();

export const findPool = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('cardKeyPools')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .selectAll()
    .executeTakeFirst();

/** A pool even when deleted (old orders still show their keys). */
export const findPoolAnyState = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('cardKeyPools')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const updatePool = (exec: Executor, merchantId: number, id: number, v: Updateable<CardKeyPoolTable>) =>
  exec
    .updateTable('cardKeyPools')
    .set(v)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();

export async function listPools(exec: Executor, merchantId: number, limit: number, offset: number) {
  const q = exec
    .selectFrom('cardKeyPools')
    .where('merchantId', '=', merchantId)
    .where('deletedAt', 'is', null);
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset));
}

export const allPools = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('cardKeyPools')
    .where('merchantId', '=', merchantId)
    .where('deletedAt', 'is', null)
    .selectAll()
    .orderBy('id')
    .execute();

// ── the counter ──────────────────────────────────────────────────────────────────────────────

export interface Counts {
  available: number;
  occupied: number;
  sold: number;
}

/**
 * The counter shard a transaction writes: drawn at random once per transaction and kept for all
 * its writes. A transaction that sells several times (a batch of payments) then holds one shard
 * row, not several in random order, which two such transactions would deadlock on.
 */
const shards = new WeakMap<Executor, number>();
function shardOf(exec: Executor): number {
  let shard = shards.get(exec);
  if (shard === undefined) {
    shard = randomInt(0, COUNTER_SHARDS);
    shards.set(exec, shard);
  }
  return shard;
}

/** Adds the deltas to the transaction's shard of the pool's counter. */
export async function bumpCounter(exec: Executor, poolId: number, d: Partial<Counts>) {
  const v = { available: d.available ?? 0, occupied: d.occupied ?? 0, sold: d.sold ?? 0 };
  if (v.available === 0 && v.occupied === 0 && v.sold === 0) return;
  await exec
    .insertInto('cardKeyCounters')
    .values({ poolId, shard: shardOf(exec), ...v })
    .onConflict((oc) =>
      oc.columns(['poolId', 'shard']).doUpdateSet((eb) => ({
        available: eb('cardKeyCounters.available', '+', eb.ref('excluded.available')),
        occupied: eb('cardKeyCounters.occupied', '+', eb.ref('excluded.occupied')),
        sold: eb('cardKeyCounters.sold', '+', eb.ref('excluded.sold')),
      })),
    )
    .execute();
}

export async function countsOf(exec: Executor, poolIds: number[]): Promise<Map<number, Counts>> {
  const out = new Map<number, Counts>(poolIds.map((id) => [id, { available: 0, occupied: 0, sold: 0 }]));
  if (poolIds.length === 0) return out;
  const rows = await exec
    .selectFrom('cardKeyCounters')
    .where('poolId', 'in', poolIds)
    .groupBy('poolId')
    .select([
      'poolId',
      sql<string>`sum(available)`.as('available'),
      sql<string>`sum(occupied)`.as('occupied'),
      sql<string>`sum(sold)`.as('sold'),
    ])
    .execute();
  for (const r of rows)
    out.set(Number(r.poolId), {
      available: Number(r.available),
      occupied: Number(r.occupied),
      sold: Number(r.sold),
    });
  return out;
}

/** The same counts taken from the keys table (for checks and tests, never per request). */
export async function countKeys(exec: Executor, poolId: number): Promise<Counts> {
  const rows = await exec
    .selectFrom('cardKeys')
    .where('poolId', '=', poolId)
    .groupBy('state')
    .select(['state', sql<string>`count(*)`.as('n')])
    .execute();
  const by = new Map(rows.map((r) => [r.state, Number(r.n)]));
  return {
    available: by.get('available') ?? 0,
    occupied: by.get('occupied') ?? 0,
    sold: by.get('sold') ?? 0,
  };
}

// ── keys ─────────────────────────────────────────────────────────────────────────────────────

/** Inserts keys, skipping those already in the pool; the hashes actually inserted. */
export async function insertKeys(exec: Executor, rows: Insertable<CardKeyTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await exec
    .insertInto('cardKeys')
    .values(rows)
    .onConflict((oc) => oc.columns(['poolId', 'keyHash']).doNothing())
    .returning('keyHash')
    .execute();
  return inserted.map((r) => r.keyHash);
}

/**
 * PostgreSQL: one batch of new keys as two arrays (one array parameter per column instead of one
 * parameter per cell: far less to parse and plan), prepared by name. The hashes actually inserted.
 */
export async function insertKeysPg(
  exec: Executor,
  v: { merchantId: number; poolId: number; at: number; hashes: string[]; sealed: string[] },
): Promise<string[]> {
  if (v.hashes.length === 0) return [];
  const r = await prepared(
    'card_key.insert_keys',
    sql<{ keyHash: string }>`
    insert into card_keys
      (merchant_id, pool_id, key_hash, secret_enc, state, reservation_id, sold_at, created_at, updated_at)
    select ${v.merchantId}::bigint, ${v.poolId}::bigint, h, e, 'available', null, null, ${v.at}::bigint, ${v.at}::bigint
    from unnest(${v.hashes}::text[], ${v.sealed}::text[]) as u(h, e)
    on conflict (pool_id, key_hash) do nothing
    returning key_hash`,
  ).execute(exec);
  return r.rows.map((x) => x.keyHash);
}

export async function existingHashes(exec: Executor, poolId: number, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await exec
    .selectFrom('cardKeys')
    .where('poolId', '=', poolId)
    .where('keyHash', 'in', hashes)
    .select('keyHash')
    .execute();
  return new Set(rows.map((r) => r.keyHash));
}

export async function listKeys(
  exec: Executor,
  merchantId: number,
  poolId: number,
  f: { state?: CardKeyState },
  limit: number,
  offset: number,
) {
  let q = exec
    .selectFrom('cardKeys')
    .where('merchantId', '=', merchantId)
    .where('poolId', '=', poolId)
    .where('state', '!=', 'deleted');
  if (f.state) q = q.where('state', '=', f.state);
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset));
}

export const findKey = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('cardKeys')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('state', '!=', 'deleted')
    .selectAll()
    .executeTakeFirst();

/** Moves one key by id; undefined when it was not in a state the move starts from. */
export function moveKey(exec: Executor, merchantId: number, id: number, move: KeyMove, at: number) {
  const m = KEY_MOVES[move];
  return exec
    .updateTable('cardKeys')
    .set({ state: m.to, updatedAt: at, ...(m.to === 'available' ? { reservationId: null } : {}) })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('state', 'in', m.from)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes up to `n` available keys of a pool and moves them to `sold` or `occupied`, in one
 * statement. On PostgreSQL the candidates are locked with SKIP LOCKED so concurrent takers never
 * wait on each other's rows (waiting on them could deadlock with the rest of a payment's locks);
 * it comes back short only when every remaining key is held by a transaction in flight. SQLite
 * serialises writers, so the plain statement is exact there.
 */
export async function takeAvailable(
  exec: Executor,
  engine: Engine,
  poolId: number,
  n: number,
  to: { move: 'sell' | 'occupy'; reservationId?: number; at: number },
): Promise<{ id: number; secretEnc: string }[]> {
  if (n <= 0) return [];
  const lock = engine === 'postgres' ? sql`for update skip locked` : sql``;
  const m = KEY_MOVES[to.move];
  const r = await sql<{ id: number; secret_enc: string }>`
    update card_keys set state = ${m.to}, updated_at = ${to.at},
      reservation_id = ${to.reservationId ?? null}, sold_at = ${to.move === 'sell' ? to.at : null}
    where id in (
      select id from card_keys where pool_id = ${poolId} and state = 'available'
      order by id limit ${n} ${lock}
    ) and state = 'available'
    returning id, secret_enc`.execute(exec);
  return r.rows.map((x) => ({ id: Number(x.id), secretEnc: x.secret_enc }));
}

/** Occupied keys of a reservation moved on (sold or released); the keys moved. */
export async function moveReserved(
  exec: Executor,
  reservationId: number,
  n: number | null,
  move: 'sellReserved' | 'release',
  at: number,
): Promise<{ id: number }[]> {
  const m = KEY_MOVES[move];
  const pick = exec
    .selectFrom('cardKeys')
    .where('reservationId', '=', reservationId)
    .where('state', 'in', m.from)
    .select('id')
    .orderBy('id');
  const rows = await exec
    .updateTable('cardKeys')
    .set({
      state: m.to,
      updatedAt: at,
      ...(move === 'release' ? { reservationId: null } : { soldAt: at }),
    })
    .where('id', 'in', n === null ? pick : pick.limit(n))
    .where('state', 'in', m.from)
    .returning('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id) }));
}

/** The first available key of a reusable pool (delivered to every buyer, never used up). */
export const firstAvailable = (exec: Executor, poolId: number) =>
  exec
    .selectFrom('cardKeys')
    .where('poolId', '=', poolId)
    .where('state', '=', 'available')
    .select(['id', 'secretEnc'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();

export const availableKeys = (
  exec: Executor,
  merchantId: number,
  poolId: number,
  afterId: number,
  limit: number,
) =>
  exec
    .selectFrom('cardKeys')
    .where('merchantId', '=', merchantId)
    .where('poolId', '=', poolId)
    .where('state', '=', 'available')
    .where('id', '>', afterId)
    .select(['id', 'secretEnc'])
    .orderBy('id')
    .limit(limit)
    .execute();

// ── sales ────────────────────────────────────────────────────────────────────────────────────

export async function insertSales(exec: Executor, rows: Insertable<CardKeySaleTable>[]) {
  if (rows.length) await exec.insertInto('cardKeySales').values(rows).execute();
}

export const salesOfOrder = (exec: Executor, merchantId: number, orderId: number) =>
  exec
    .selectFrom('cardKeySales as s')
    .innerJoin('cardKeys as k', 'k.id', 's.keyId')
    .where('s.merchantId', '=', merchantId)
    .where('s.orderId', '=', orderId)
    .select(['s.id', 's.orderItemId', 's.keyId', 's.source', 's.createdAt', 'k.secretEnc', 'k.poolId'])
    .orderBy('s.id')
    .execute();

export const attachSalesToOrder = (
  exec: Executor,
  merchantId: number,
  keyIds: number[],
  memberId: number,
  orderId: number,
) =>
  exec
    .updateTable('cardKeySales')
    .set({ orderId })
    .where('merchantId', '=', merchantId)
    .where('memberId', '=', memberId)
    .where('keyId', 'in', keyIds)
    .where('orderId', 'is', null)
    .returning('id')
    .execute();

export const salesOfKeys = (exec: Executor, merchantId: number, keyIds: number[]) =>
  keyIds.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('cardKeySales')
        .where('merchantId', '=', merchantId)
        .where('keyId', 'in', keyIds)
        .selectAll()
        .execute();

// ── reservations ─────────────────────────────────────────────────────────────────────────────

export const insertReservation = (exec: Executor, v: Insertable<CardKeyReservationTable>) =>
  exec.insertInto('cardKeyReservations').values(v).returningAll().executeTakeFirstOrThrow();

export const findReservation = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('cardKeyReservations')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

/** Closes an active reservation; undefined when it was already closed. */
export const closeReservation = (exec: Executor, id: number, at: number, expiredBefore?: number) => {
  let q = exec
    .updateTable('cardKeyReservations')
    .set({ status: 'closed', updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'active');
  if (expiredBefore !== undefined) q = q.where('expiresAt', '<=', expiredBefore);
  return q.returningAll().executeTakeFirst();
};

export const dueReservations = (exec: Executor, at: number, limit: number) =>
  exec
    .selectFrom('cardKeyReservations')
    .where('status', '=', 'active')
    .where('expiresAt', '<=', at)
    .select(['id', 'merchantId'])
    .orderBy('id')
    .limit(limit)
    .execute();

export const activeReservationCount = (exec: Executor, poolId: number) =>
  exec
    .selectFrom('cardKeyReservations')
    .where('poolId', '=', poolId)
    .where('status', '=', 'active')
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

export const countReserved = (exec: Executor, reservationId: number) =>
  exec
    .selectFrom('cardKeys')
    .where('reservationId', '=', reservationId)
    .groupBy('state')
    .select(['state', sql<string>`count(*)`.as('n')])
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.state, Number(r.n)])));

// ── backorders (paid, waiting for keys) ──────────────────────────────────────────────────────

export const insertBackorder = (exec: Executor, v: Insertable<CardKeyBackorderTable>) =>
  exec.insertInto('cardKeyBackorders').values(v).execute();

/** Waiting backorders of a pool, oldest first, locked so two fillers never serve the same one. */
export function waitingBackorders(exec: Executor, engine: Engine, poolId: number, limit: number) {
  const q = exec
    .selectFrom('cardKeyBackorders')
    .where('poolId', '=', poolId)
    .where('missing', '>', 0)
    .selectAll()
    .orderBy('id')
    .limit(limit);
  return (engine === 'postgres' ? q.forUpdate().skipLocked() : q).execute();
}

export const reduceBackorder = (exec: Executor, id: number, got: number, at: number) =>
  exec
    .updateTable('cardKeyBackorders')
    .set((eb) => ({ missing: eb('missing', '-', got), updatedAt: at }))
    .where('id', '=', id)
    .where('missing', '>=', got)
    .returning('missing')
    .executeTakeFirst();

export const backorderOfItem = (exec: Executor, merchantId: number, orderItemId: number) =>
  exec
    .selectFrom('cardKeyBackorders')
    .where('merchantId', '=', merchantId)
    .where('orderItemId', '=', orderItemId)
    .selectAll()
    .executeTakeFirst();

export const waitingByPool = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('cardKeyBackorders')
    .where('merchantId', '=', merchantId)
    .where('missing', '>', 0)
    .groupBy('poolId')
    .select(['poolId', sql<string>`sum(missing)`.as('missing'), sql<string>`count(*)`.as('orders')])
    .execute();

export const poolsWithWaiting = (exec: Executor) =>
  exec
    .selectFrom('cardKeyBackorders')
    .where('missing', '>', 0)
    .select(['poolId', 'merchantId'])
    .distinct()
    .execute()
    .then((rows) => rows.map((r) => ({ poolId: Number(r.poolId), merchantId: Number(r.merchantId) })));

/**
 * PostgreSQL: the keys of one paid order item in one statement — the pool checked (the merchant's,
 * not deleted, one-time keys), keys taken with SKIP LOCKED, marked sold, counted on one counter
 * shard (the transaction's), one sales row each and the audit row — one round trip instead of six, prepared by name.
 * `null` when the pool is not one this statement serves (the caller takes the general path);
 * otherwise the ids of the keys sold (fewer than `n` when the pool is short).
 */
export async function sellForOrderItemPg(
  exec: Executor,
  v: {
    merchantId: number;
    poolId: number;
    n: number;
    memberId: number;
    orderId: number;
    orderItemId: number;
    at: number;
  },
): Promise<number[] | null> {
  const shard = shardOf(exec);
  const r = await prepared(
    'card_key.sell_for_order_item',
    sql<{ eligible: boolean; ids: number[] }>`
    with pool as (
      select id from card_key_pools
      where id = ${v.poolId}::bigint and merchant_id = ${v.merchantId}::bigint
        and deleted_at is null and reusable = 0
    ), picked as (
      select k.id from card_keys k join pool on pool.id = k.pool_id
      where k.pool_id = ${v.poolId}::bigint and k.state = 'available'
      order by k.id limit ${v.n}::int for update of k skip locked
    ), sold as (
      update card_keys k set state = 'sold', updated_at = ${v.at}::bigint, sold_at = ${v.at}::bigint, reservation_id = null
      from picked where k.id = picked.id and k.state = 'available'
      returning k.id
    ), counted as (
      insert into card_key_counters (pool_id, shard, available, occupied, sold)
      select ${v.poolId}::bigint, ${shard}::int, -count(*), 0, count(*) from sold having count(*) > 0
      on conflict (pool_id, shard) do update set
        available = card_key_counters.available + excluded.available,
        sold = card_key_counters.sold + excluded.sold
    ), sales as (
      insert into card_key_sales
        (merchant_id, pool_id, key_id, member_id, order_id, order_item_id, source, activity_ref, created_at)
      select ${v.merchantId}::bigint, ${v.poolId}::bigint, id, ${v.memberId}::bigint, ${v.orderId}::bigint,
        ${v.orderItemId}::bigint, 'order', null, ${v.at}::bigint
      from sold
    ), audited as (
      insert into audit_log
        (merchant_id, actor_type, actor_id, actor_name, action, target_type, target_id, before_json, after_json, ip, request_id, at)
      select ${v.merchantId}::bigint, 'system', null, 'fulfilment',
        case when count(*) < ${v.n}::int then 'card_key.deliver_short' else 'card_key.deliver' end,
        'cardKeyPool', ${String(v.poolId)}::text, null,
        json_build_object('orderId', ${v.orderId}::bigint, 'orderItemId', ${v.orderItemId}::bigint,
          'keyIds', coalesce(json_agg(id order by id), '[]'::json), 'missing', ${v.n}::int - count(*))::text,
        null, null, ${v.at}::bigint
      from sold having exists (select 1 from pool)
    )
    select exists (select 1 from pool) as eligible,
      array(select id from sold order by id) as ids`,
  ).execute(exec);
  const row = r.rows[0];
  return row?.eligible ? row.ids.map(Number) : null;
}
