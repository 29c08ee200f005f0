// The common case of a counter verification on PostgreSQL in one statement: find the voucher,
// check it (state, validity window, weekday in the merchant's time zone, template stores, the
// verifier's store scope), mark it used, write the record and the audit row — one round trip
// instead of ten. It only ever succeeds where the full path would; when it finds nothing to do
// (a refusal, a retry, a lost race) the caller runs the full path, which gives the exact answer.
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { StaffUserRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../http/errors.ts';
import type { Actor } from '../audit/audit.service.ts';

export interface FastVerifyInput {
  merchantId: number;
  storeId: number;
  requestNo: string;
  channel: 'staff' | 'admin';
  codeHash?: string;
  voucherId?: number;
  staff: StaffUserRow;
  at: number;
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

export async function fastVerify(
  ctx: AppContext,
  input: FastVerifyInput,
  actor: Actor,
): Promise<FastVerifyRow | null> {
  const { merchantId, storeId, at, staff } = input;
  const find =
    input.codeHash !== undefined ? sql`v.code_hash = ${input.codeHash}` : sql`v.id = ${input.voucherId ?? 0}`;
  const scoped = staff.role === 'verifier' && !staff.allStores;
  const query = sql<FastVerifyRow>`
    with v as (
      select v.id, v.member_id, v.code_tail, t.title, s.id as store_id, s.name as store_name,
             coalesce(vs.undo_window_minutes, 60) as undo_window
      from vouchers v
      join voucher_templates t on t.id = v.template_id
      join merchants m on m.id = v.merchant_id
      join stores s on s.id = ${storeId} and s.merchant_id = v.merchant_id
      left join voucher_settings vs on vs.merchant_id = v.merchant_id
      where v.merchant_id = ${merchantId} and ${find}
        and v.state = 'unused' and v.valid_from <= ${at} and v.valid_until >= ${at}
        and substr(t.use_week,
              extract(isodow from to_timestamp(${at}::bigint / 1000.0) at time zone m.time_zone)::int, 1) = '1'
        and (t.all_stores = 1 or exists (
              select 1 from voucher_template_stores ts where ts.template_id = t.id and ts.store_id = s.id))
        and (${scoped}::boolean = false or exists (
              select 1 from staff_store_scopes sc where sc.staff_id = ${staff.id} and sc.store_id = s.id))
    ),
    moved as (
      update vouchers set state = 'used', used_at = ${at}, used_store_id = v.store_id, updated_at = ${at}
      from v where vouchers.id = v.id and vouchers.state = 'unused'
      returning vouchers.id
    ),
    rec as (
      insert into verifications (merchant_id, voucher_id, store_id, channel, staff_id, member_id, request_no, at)
      select ${merchantId}, v.id, v.store_id, ${input.channel}, ${staff.id}, null, ${input.requestNo}, ${at}
      from v join moved on moved.id = v.id
      returning id, voucher_id, store_id, channel, staff_id, request_no, at
    ),
    audit as (
      insert into audit_log (merchant_id, actor_type, actor_id, actor_name, action, target_type, target_id,
                             before_json, after_json, ip, request_id, at)
      select ${merchantId}, ${actor.type}, ${actor.id}, ${actor.name}, 'voucher.verify', 'voucher',
             rec.voucher_id::text, '{"state":"unused"}',
             '{"state":"used","storeId":' || rec.store_id || ',"channel":"' || rec.channel
               || '","verificationId":' || rec.id || '}',
             ${actor.ip}, ${actor.requestId}, ${at}
      from rec
    )
    select rec.id, rec.voucher_id, rec.store_id, rec.channel, rec.staff_id, rec.request_no, rec.at,
           v.title as voucher_title, v.code_tail, v.member_id as holder_id, v.store_name, v.undo_window
    from rec join v on v.id = rec.voucher_id`;
  try {
    const { rows } = await query.execute(ctx.db);
    const r = rows[0];
    if (!r) return null;
    // bigint columns come back as strings from pg unless the pool parses them; normalise.
    return {
      ...r,
      id: Number(r.id),
      voucherId: Number(r.voucherId),
      storeId: Number(r.storeId),
      staffId: r.staffId === null ? null : Number(r.staffId),
      at: Number(r.at),
      holderId: Number(r.holderId),
      undoWindow: Number(r.undoWindow),
    };
  } catch (err) {
    // The request number was used already (a retry racing its first attempt): the full path answers.
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}
