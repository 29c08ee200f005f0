// The common case of a counter verification on PostgreSQL in one statement: find the voucher,
// check it (state, validity window, weekday in the merchant's time zone, template stores, the
// verifier's store scope), mark it used, write the record and the audit row — one round trip
// instead of ten, shared by every request that arrives while the database is busy (lib/batcher.ts). It only ever succeeds where the full path would; when it finds nothing to do
// (a refusal, a retry, a lost race) the caller runs the full path, which gives the exact answer.

import type pg from 'pg';
import type { AppContext } from '../../context.ts';
import type { StaffUserRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../http/errors.ts';
import { batchSlots, createBatcher, onePer } from '../../lib/batcher.ts';
import { now } from '../../lib/time.ts';
import type { Actor } from '../audit/audit.service.ts';

export interface FastVerifyInput {
  merchantId: number;
  storeId: number;
  requestNo: string;
  channel: 'staff' | 'admin';
  codeHash?: string;
  voucherId?: number;
  staff: StaffUserRow;
}

export interface FastVerifyRow {
  id: number;
  voucherId: number;
  storeId: number;
  channel: 'staff' | 'admin';
  staffId: number | null;
  requestNo: string;
  at: number;
  voucherTitle: string;
  codeTail: string;
  holderId: number;
  storeName: string;
  undoWindow: number;
}

/**
 * The statement, prepared once per connection (by name) so PostgreSQL parses and plans it once; one
 * text per way of finding the voucher, so each plan uses its own unique index. It verifies a whole
 * batch of requests (one array element each, `n` their order): each request is checked on its
 * own, so one refusal never holds back the others. Two requests for one voucher, or with one
 * request number, in one batch: the first goes through, the later one gets no row and the full
 * path answers it (already used, or the first attempt's record).
 * $1 merchant, $2 store, $3 code hash or voucher id (text), $4 scoped verifier, $5 staff id,
 * $6 channel, $7 request number, $8–$12 the actor (type, id, name, ip, request id); $13 at.
 */
export const fastVerifySql = (find: string) => `
  with i as (
    select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::boolean[], $5::bigint[], $6::text[],
                         $7::text[], $8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[])
      with ordinality as i(merchant_id, store_id, find, scoped, staff_id, channel, request_no,
                           actor_type, actor_id, actor_name, ip, request_id, n)
  ),
  v as (
    select distinct on (v.id)
           i.n, v.id, v.merchant_id, v.member_id, v.code_tail, t.title, s.id as store_id, s.name as store_name,
           coalesce(vs.undo_window_minutes, 60) as undo_window, i.staff_id, i.channel, i.request_no,
           i.actor_type, i.actor_id, i.actor_name, i.ip, i.request_id
    from i
    join vouchers v on v.merchant_id = i.merchant_id and ${find}
    join voucher_templates t on t.id = v.template_id
    join merchants m on m.id = v.merchant_id
    join stores s on s.id = i.store_id and s.merchant_id = v.merchant_id
    left join voucher_settings vs on vs.merchant_id = v.merchant_id
    where v.state = 'unused' and v.valid_from <= $13::bigint and v.valid_until >= $13::bigint
      and substr(t.use_week,
            extract(isodow from to_timestamp($13::bigint / 1000.0) at time zone m.time_zone)::int, 1) = '1'
      and (t.all_stores = 1 or exists (
            select 1 from voucher_template_stores ts where ts.template_id = t.id and ts.store_id = s.id))
      and (i.scoped = false or exists (
            select 1 from staff_store_scopes sc where sc.staff_id = i.staff_id and sc.store_id = s.id))
      and not exists (
            select 1 from i i2 where i2.merchant_id = i.merchant_id and i2.request_no = i.request_no and i2.n < i.n)
    order by v.id, i.n
  ),
  moved as (
    update vouchers set state = 'used', used_at = $13::bigint, used_store_id = v.store_id, updated_at = $13::bigint
    from v where vouchers.id = v.id and vouchers.state = 'unused'
    returning vouchers.id
  ),
  rec as (
    insert into verifications (merchant_id, voucher_id, store_id, channel, staff_id, member_id, request_no, at)
    select v.merchant_id, v.id, v.store_id, v.channel, v.staff_id, null, v.request_no, $13::bigint
    from v join moved on moved.id = v.id
    returning id, voucher_id, store_id, channel, staff_id, request_no, at
  ),
  audit as (
    insert into audit_log (merchant_id, actor_type, actor_id, actor_name, action, target_type, target_id,
                           before_json, after_json, ip, request_id, at)
    select v.merchant_id, v.actor_type, v.actor_id, v.actor_name, 'voucher.verify', 'voucher', rec.voucher_id::text,
           '{"state":"unused"}',
           '{"state":"used","storeId":' || rec.store_id || ',"channel":"' || rec.channel
             || '","verificationId":' || rec.id || '}',
           v.ip, v.request_id, $13::bigint
    from rec join v on v.id = rec.voucher_id
  )
  select v.n, rec.id, rec.voucher_id, rec.store_id, rec.channel, rec.staff_id, rec.request_no, rec.at,
         v.title, v.code_tail, v.member_id, v.store_name, v.undo_window
  from rec join v on v.id = rec.voucher_id`;
const BY_CODE = { name: 'verification.fast.code', text: fastVerifySql('v.code_hash = i.find') };
const BY_ID = { name: 'verification.fast.id', text: fastVerifySql('v.id = i.find::bigint') };

interface RawRow {
  n: number;
  id: number;
  voucher_id: number;
  store_id: number;
  channel: 'staff' | 'admin';
  staff_id: number | null;
  request_no: string;
  at: number;
  title: string;
  code_tail: string;
  member_id: number;
  store_name: string;
  undo_window: number;
}

interface Item {
  input: FastVerifyInput;
  actor: Actor;
}

const toRow = (r: RawRow): FastVerifyRow => ({
  id: r.id,
  voucherId: r.voucher_id,
  storeId: r.store_id,
  channel: r.channel,
  staffId: r.staff_id,
  requestNo: r.request_no,
  at: r.at,
  voucherTitle: r.title,
  codeTail: r.code_tail,
  holderId: r.member_id,
  storeName: r.store_name,
  undoWindow: r.undo_window,
});

/** One statement for a batch of requests found the same way; null for each it did not verify. */
async function verifyBatch(pool: pg.Pool, statement: typeof BY_CODE, items: Item[]) {
  const col = <T>(f: (x: Item) => T) => items.map(f);
  try {
    const { rows } = await pool.query<RawRow>({
      ...statement,
      values: [
        col((x) => x.input.merchantId),
        col((x) => x.input.storeId),
        col((x) => String(x.input.codeHash ?? x.input.voucherId ?? 0)),
        col((x) => x.input.staff.role === 'verifier' && !x.input.staff.allStores),
        col((x) => x.input.staff.id),
        col((x) => x.input.channel),
        col((x) => x.input.requestNo),
        col((x) => x.actor.type),
        col((x) => x.actor.id),
        col((x) => x.actor.name),
        col((x) => x.actor.ip),
        col((x) => x.actor.requestId),
        now(),
      ],
    });
    const out: (FastVerifyRow | null)[] = items.map(() => null);
    for (const r of rows) out[Number(r.n) - 1] = toRow(r);
    return out;
  } catch (err) {
    // A request number used already (a retry racing its first attempt) fails the statement: the
    // full path answers every request of the batch.
    if (isUniqueViolation(err)) return items.map(() => null);
    throw err;
  }
}

const batchers = onePer((ctx: AppContext) => {
  const pool = ctx.database.pool!;
  const inFlight = batchSlots(ctx.config.dbPoolSize);
  const batcher = (statement: typeof BY_CODE) =>
    createBatcher<Item, FastVerifyRow | null>({
      maxBatch: 128,
      inFlight,
      run: (items) => verifyBatch(pool, statement, items),
    });
  return { code: batcher(BY_CODE), id: batcher(BY_ID) };
});

/** Verifies in the statement above, gathered with the other requests arriving at the same time. */
export async function fastVerify(
  ctx: AppContext,
  input: FastVerifyInput,
  actor: Actor,
): Promise<FastVerifyRow | null> {
  if (!ctx.database.pool) return null;
  const b = batchers(ctx);
  return (input.codeHash !== undefined ? b.code : b.id)({ input, actor });
}

/** Batches run and requests they carried so far in this app (all zero on SQLite). */
export function fastVerifyStats(ctx: AppContext) {
  const b = batchers(ctx);
  const [c, i] = [b.code.stats(), b.id.stats()];
  return { batches: c.batches + i.batches, items: c.items + i.items };
}
