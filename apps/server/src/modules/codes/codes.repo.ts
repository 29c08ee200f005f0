// All SQL of code libraries, batches, codes, settings and daily counters. Every query is scoped
// by merchant; the bulk insert of generated codes branches on the engine (unnest arrays on
// PostgreSQL, multi-row VALUES on SQLite).
import { type Insertable, sql } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type {
  CodeBatchStatus,
  CodeLibraryTable,
  CodeState,
  Executor,
  RedemptionCodeTable,
} from '../../db/schema.ts';

export const findLibrary = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('codeLibraries')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const findLibraries = (exec: Executor, merchantId: number, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('codeLibraries')
        .where('merchantId', '=', merchantId)
        .where('id', 'in', ids)
        .selectAll()
        .execute();

export const listLibraries = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('codeLibraries')
    .where('merchantId', '=', merchantId)
    .selectAll()
    .orderBy('id', 'desc')
    .execute();

export const insertLibrary = (exec: Executor, row: Insertable<CodeLibraryTable>) =>
  exec.insertInto('codeLibraries').values(row).returningAll().executeTakeFirstOrThrow();

export const updateLibrary = (
  exec: Executor,
  merchantId: number,
  id: number,
  set: Partial<Omit<CodeLibraryTable, 'id' | 'merchantId' | 'codeCount'>>,
) =>
  exec
    .updateTable('codeLibraries')
    .set(set)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

export const addToLibraryCount = (exec: Executor, id: number, n: number) =>
  exec
    .updateTable('codeLibraries')
    .set((eb) => ({ codeCount: eb('codeCount', '+', n) }))
    .where('id', '=', id)
    .execute();

/** Unused codes of a library (for the guessing odds). */
export const countUnused = (exec: Executor, libraryId: number) =>
  exec
    .selectFrom('redemptionCodes')
    .where('libraryId', '=', libraryId)
    .where('state', '=', 'unused')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

export const templateOf = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('voucherTemplates')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .select(['id', 'kind', 'title', 'status'])
    .executeTakeFirst();

export const productsOf = (exec: Executor, merchantId: number, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('products')
        .where('merchantId', '=', merchantId)
        .where('id', 'in', ids)
        .select(['id', 'name', 'type', 'images', 'stock', 'onSale'])
        .execute();

// ── batches ────────────────────────────────────────────────────────────────────────────────────

export const insertBatch = (
  exec: Executor,
  row: { merchantId: number; libraryId: number; requested: number; createdBy: string; at: number },
) =>
  exec
    .insertInto('codeBatches')
    .values({
      merchantId: row.merchantId,
      libraryId: row.libraryId,
      requested: row.requested,
      generated: 0,
      nextSerial: 1,
      status: 'queued',
      error: null,
      leaseUntil: 0,
      createdBy: row.createdBy,
      createdAt: row.at,
      updatedAt: row.at,
      finishedAt: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findBatch = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('codeBatches')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const listBatches = (exec: Executor, merchantId: number, libraryId?: number) => {
  let q = exec.selectFrom('codeBatches').where('merchantId', '=', merchantId);
  if (libraryId) q = q.where('libraryId', '=', libraryId);
  return q.selectAll().orderBy('id', 'desc').limit(200).execute();
};

/**
 * Takes a batch to work on: a queued one, or a running one whose holder's lease ran out (the
 * process stopped mid-way). One conditional UPDATE per candidate, so two workers never share one.
 */
export async function leaseBatch(exec: Executor, at: number, leaseMs: number, onlyId?: number) {
  let q = exec
    .selectFrom('codeBatches')
    .where((eb) =>
      eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('leaseUntil', '<', at)])]),
    )
    .select(['id', 'leaseUntil', 'status']);
  if (onlyId) q = q.where('id', '=', onlyId);
  const candidates = await q.orderBy('id').limit(5).execute();
  for (const c of candidates) {
    const taken = await exec
      .updateTable('codeBatches')
      .set({ status: 'running', leaseUntil: at + leaseMs, updatedAt: at })
      .where('id', '=', c.id)
      .where('status', '=', c.status)
      .where('leaseUntil', '=', c.leaseUntil)
      .returningAll()
      .executeTakeFirst();
    if (taken) return taken;
  }
  return undefined;
}

/** Records a chunk's progress while the batch is still ours and running; false when it was cancelled. */
export async function advanceBatch(
  exec: Executor,
  b: { id: number; leaseUntil: number },
  inserted: number,
  serials: number,
  at: number,
  leaseMs: number,
) {
  const r = await exec
    .updateTable('codeBatches')
    .set((eb) => ({
      generated: eb('generated', '+', inserted),
      nextSerial: eb('nextSerial', '+', serials),
      leaseUntil: at + leaseMs,
      updatedAt: at,
    }))
    .where('id', '=', b.id)
    .where('status', '=', 'running')
    .where('leaseUntil', '=', b.leaseUntil)
    .returning(['generated', 'nextSerial', 'leaseUntil', 'requested'])
    .executeTakeFirst();
  return r;
}

export const moveBatch = (
  exec: Executor,
  merchantId: number | null,
  id: number,
  from: CodeBatchStatus[],
  set: { status: CodeBatchStatus; error?: string | null; finishedAt?: number | null; leaseUntil?: number },
  at: number,
) => {
  let q = exec
    .updateTable('codeBatches')
    .set({ ...set, updatedAt: at })
    .where('id', '=', id)
    .where('status', 'in', from);
  if (merchantId !== null) q = q.where('merchantId', '=', merchantId);
  return q.returningAll().executeTakeFirst();
};

// ── codes ──────────────────────────────────────────────────────────────────────────────────────

export type NewCode = Pick<
  RedemptionCodeTable,
  'merchantId' | 'libraryId' | 'batchId' | 'serial' | 'codeHash' | 'codeEnc' | 'codeTail' | 'createdAt'
> & { sourceRef?: string | null };

/** Inserts codes, skipping any whose hash the merchant already has; how many went in. */
/**
 * A PostgreSQL text[] of `values`. Values that cannot hold a comma and are never empty (hashes,
 * sealed codes, tails: base64url and code characters) go as one text split by the database: pg
 * quotes and escapes each element of an array parameter and PostgreSQL parses them back, which
 * cost generation ~15 % of its speed. Anything else goes as an array.
 */
export function textArray(values: string[]) {
  return values.every((v) => v.length > 0 && !v.includes(','))
    ? sql`string_to_array(${values.join(',')}::text, ',')`
    : sql`${values}::text[]`;
}

/**
 * Inserts the codes, skipping any whose hash the merchant already has; returns how many went in.
 * On PostgreSQL, `skipDuplicates: false` leaves out `on conflict`, which costs the database about a
 * quarter of its time per row (`bench/codes-table.ts`): a duplicate then fails the statement with a
 * unique violation, and the caller writes the chunk again skipping them. SQLite always skips.
 */
export async function insertCodes(
  exec: Executor,
  engine: 'sqlite' | 'postgres',
  rows: NewCode[],
  opts: { skipDuplicates: boolean } = { skipDuplicates: true },
) {
  if (rows.length === 0) return 0;
  if (engine === 'postgres') {
    const col = <K extends keyof NewCode>(k: K) => rows.map((r) => r[k] ?? null);
    const texts = (k: 'codeHash' | 'codeEnc' | 'codeTail') => textArray(rows.map((r) => r[k]));
    const skip = opts.skipDuplicates ? sql`on conflict (merchant_id, code_hash) do nothing` : sql``;
    const r = await sql`
      insert into redemption_codes
        (merchant_id, library_id, batch_id, serial, code_hash, code_enc, code_tail, state, source_ref, created_at, updated_at)
      select ${rows[0]!.merchantId}, ${rows[0]!.libraryId}, b, s, h, e, t, 'unused', src, c, c
      from unnest(${col('batchId')}::bigint[], ${col('serial')}::int[], ${texts('codeHash')},
                  ${texts('codeEnc')}, ${texts('codeTail')}, ${col('sourceRef')}::text[],
                  ${col('createdAt')}::bigint[]) as x(b, s, h, e, t, src, c)
      ${skip}`.execute(exec);
    return Number(r.numAffectedRows ?? 0);
  }
  let inserted = 0;
  // SQLite binds at most 32,766 parameters: 11 columns × 2,000 rows stays under it.
  for (let i = 0; i < rows.length; i += 2000) {
    const r = await exec
      .insertInto('redemptionCodes')
      .values(
        rows.slice(i, i + 2000).map((x) => ({
          ...x,
          sourceRef: x.sourceRef ?? null,
          state: 'unused' as const,
          updatedAt: x.createdAt,
        })),
      )
      .onConflict((oc) => oc.columns(['merchantId', 'codeHash']).doNothing())
      .executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export const findCodeByHash = (exec: Executor, merchantId: number, codeHash: string) =>
  exec
    .selectFrom('redemptionCodes')
    .where('merchantId', '=', merchantId)
    .where('codeHash', '=', codeHash)
    .selectAll()
    .executeTakeFirst();

export const findCode = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('redemptionCodes')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

/** The codes made for units 1..n of a source (exact refs, so the unique index finds them). */
export const codesBySource = (exec: Executor, merchantId: number, prefix: string, n: number) =>
  exec
    .selectFrom('redemptionCodes')
    .where('merchantId', '=', merchantId)
    .where(
      'sourceRef',
      'in',
      Array.from({ length: n }, (_, i) => `${prefix}#${i + 1}`),
    )
    .selectAll()
    .orderBy('id')
    .execute();

/** Moves a code between states with one conditional UPDATE; the row when it moved. */
export const moveCode = (
  exec: Executor,
  merchantId: number,
  id: number,
  from: CodeState[],
  set: Partial<
    Pick<RedemptionCodeTable, 'state' | 'memberId' | 'voucherId' | 'orderId' | 'redeemedVia' | 'redeemedAt'>
  > & { updatedAt: number },
) =>
  exec
    .updateTable('redemptionCodes')
    .set(set)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();

export const setCodeLinks = (
  exec: Executor,
  id: number,
  set: Partial<Pick<RedemptionCodeTable, 'voucherId' | 'orderId' | 'memberId'>>,
) => exec.updateTable('redemptionCodes').set(set).where('id', '=', id).execute();

export type CodeFilter = {
  libraryId?: number;
  batchId?: number;
  state?: CodeState;
  codeHash?: string;
  memberId?: number;
};

export function listCodes(exec: Executor, merchantId: number, f: CodeFilter, limit: number, offset: number) {
  let q = exec.selectFrom('redemptionCodes').where('merchantId', '=', merchantId);
  if (f.libraryId) q = q.where('libraryId', '=', f.libraryId);
  if (f.batchId) q = q.where('batchId', '=', f.batchId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.codeHash) q = q.where('codeHash', '=', f.codeHash);
  if (f.memberId) q = q.where('memberId', '=', f.memberId);
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset));
}

/** One page of a batch in serial order, after `afterSerial` (keyset paging keeps exports flat). */
export const batchPage = (
  exec: Executor,
  merchantId: number,
  batchId: number,
  afterSerial: number,
  n: number,
) =>
  exec
    .selectFrom('redemptionCodes')
    .where('merchantId', '=', merchantId)
    .where('batchId', '=', batchId)
    .where('serial', '>', afterSerial)
    .select(['id', 'serial', 'codeEnc', 'state'])
    .orderBy('serial')
    .limit(n)
    .execute();

/** Codes a member holds: redeemed by them, or in a voucher they hold (a gift card, gifted or not). */
export const memberCodes = (exec: Executor, merchantId: number, memberId: number) =>
  exec
    .selectFrom('redemptionCodes as c')
    .innerJoin('codeLibraries as l', 'l.id', 'c.libraryId')
    .leftJoin('vouchers as v', 'v.id', 'c.voucherId')
    .where('c.merchantId', '=', merchantId)
    .where((eb) => eb.or([eb('v.memberId', '=', memberId), eb('c.memberId', '=', memberId)]))
    .select([
      'c.id',
      'c.codeEnc',
      'c.state',
      'c.voucherId',
      'c.orderId',
      'c.redeemedVia',
      'c.redeemedAt',
      'c.createdAt',
      'c.libraryId',
      'l.name as libraryName',
      'l.validUntil',
      'v.memberId as holderId',
      'v.state as voucherState',
    ])
    .orderBy('c.id', 'desc')
    .limit(200)
    .execute();

// ── settings and daily counters ────────────────────────────────────────────────────────────────

export const findSettings = (exec: Executor, merchantId: number) =>
  exec.selectFrom('codeSettings').where('merchantId', '=', merchantId).selectAll().executeTakeFirst();

export async function upsertSettings(
  exec: Executor,
  row: {
    merchantId: number;
    failWindowMinutes: number;
    maxFailures: number;
    freezeHours: number;
    ipMaxFailures: number;
    dailyLimit: number;
    updatedAt: number;
  },
) {
  const { merchantId: _, ...set } = row;
  await exec
    .insertInto('codeSettings')
    .values(row)
    .onConflict((oc) => oc.column('merchantId').doUpdateSet(set))
    .execute();
}

/** Counts one more redemption for the member's day unless `limit` is reached (0 = no limit). */
export async function takeDaily(
  exec: Executor,
  merchantId: number,
  memberId: number,
  day: string,
  limit: number,
) {
  await exec
    .insertInto('codeDailyCounts')
    .values({ merchantId, memberId, day, redeemed: 0 })
    .onConflict((oc) => oc.columns(['memberId', 'day']).doNothing())
    .execute();
  let q = exec
    .updateTable('codeDailyCounts')
    .set((eb) => ({ redeemed: eb('redeemed', '+', 1) }))
    .where('memberId', '=', memberId)
    .where('day', '=', day);
  if (limit > 0) q = q.where('redeemed', '<', limit);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const merchantSlug = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('merchants')
    .where('id', '=', merchantId)
    .select(['slug', 'timeZone'])
    .executeTakeFirstOrThrow();

export const merchantBySlug = (exec: Executor, slug: string) =>
  exec.selectFrom('merchants').where('slug', '=', slug).select(['id', 'slug']).executeTakeFirst();
