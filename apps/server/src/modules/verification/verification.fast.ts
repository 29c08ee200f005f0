// The common case of a counter verification on PostgreSQL in one statement: find the voucher,
// check it (state, validity window, weekday in the merchant's time zone, template stores, the
// verifier's store scope), mark it used, write the record and the audit row — one round trip
// instead of ten. It only ever succeeds where the full path would; when it finds nothing to do
// (a refusal, a retry, a lost race) the caller runs the full path, which gives the exact answer.
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

/**
 * The statement, prepared once per connection (by name) so PostgreSQL parses and plans it once; one
 * text per way of finding the voucher, so each plan uses its own unique index.
 * $1 merchant, $2 store, $3 code hash or voucher id, $4 at, $5 scoped verifier, $6 staff id,
 * $7 channel, $8 request number, $9–$13 the actor (type, id, name, ip, request id).
 */
export const fastVerifySql = (find: string) => `
  with v as (
    select v.id, v.member_id, v.code_tail, t.title, s.id as store_id, s.name as store_name,
           coalesce(vs.undo_window_minutes, 60) as undo_window
    from vouchers v
    join voucher_templates t on t.id = v.template_id
    join merchants m on m.id = v.merchant_id
    join stores s on s.id = $2::bigint and s.merchant_id = v.merchant_id
    left join voucher_settings vs on vs.merchant_id = v.merchant_id
    where v.merchant_id = $1::bigint
      and ${find}
      and v.state = 'unused' and v.valid_from <= $4::bigint and v.valid_until >= $4::bigint
      and substr(t.use_week,
            extract(isodow from to_timestamp($4::bigint / 1000.0) at time zone m.time_zone)::int, 1) = '1'
      and (t.all_stores = 1 or exists (
            select 1 from voucher_template_stores ts where ts.template_id = t.id and ts.store_id = s.id))
      and ($5::boolean = false or exists (
            select 1 from staff_store_scopes sc where sc.staff_id = $6::bigint and sc.store_id = s.id))
  ),
  moved as (
    update vouchers set state = 'used', used_at = $4::bigint, used_store_id = v.store_id, updated_at = $4::bigint
    from v where vouchers.id = v.id and vouchers.state = 'unused'
    returning vouchers.id
  ),
  rec as (
    insert into verifications (merchant_id, voucher_id, store_id, channel, staff_id, member_id, request_no, at)
    select $1::bigint, v.id, v.store_id, $7::text, $6::bigint, null, $8::text, $4::bigint
    from v join moved on moved.id = v.id
    returning id, voucher_id, store_id, channel, staff_id, request_no, at
  ),
  audit as (
    insert into audit_log (merchant_id, actor_type, actor_id, actor_name, action, target_type, target_id,
                           before_json, after_json, ip, request_id, at)
    select $1::bigint, $9::text, $10::bigint, $11::text, 'voucher.verify', 'voucher', rec.voucher_id::text,
           '{"state":"unused"}',
           '{"state":"used","storeId":' || rec.store_id || ',"channel":"' || rec.channel
             || '","verificationId":' || rec.id || '}',
           $12::text, $13::text, $4::bigint
    from rec
  )
  select rec.id, rec.voucher_id, rec.store_id, rec.channel, rec.staff_id, rec.request_no, rec.at,
         v.title, v.code_tail, v.member_id, v.store_name, v.undo_window
  from rec join v on v.id = rec.voucher_id`;
const BY_CODE = { name: 'verification.fast.code', text: fastVerifySql('v.code_hash = $3::text') };
const BY_ID = { name: 'verification.fast.id', text: fastVerifySql('v.id = $3::bigint') };

interface RawRow {
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

export async function fastVerify(
  ctx: AppContext,
  input: FastVerifyInput,
  actor: Actor,
): Promise<FastVerifyRow | null> {
  const pool = ctx.database.pool;
  if (!pool) return null;
  const { staff } = input;
  try {
    const { rows } = await pool.query<RawRow>({
      ...(input.codeHash !== undefined ? BY_CODE : BY_ID),
      values: [
        input.merchantId,
        input.storeId,
        input.codeHash ?? input.voucherId ?? 0,
        input.at,
        staff.role === 'verifier' && !staff.allStores,
        staff.id,
        input.channel,
        input.requestNo,
        actor.type,
        actor.id,
        actor.name,
        actor.ip,
        actor.requestId,
      ],
    });
    const r = rows[0];
    if (!r) return null;
    return {
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
    };
  } catch (err) {
    // The request number was used already (a retry racing its first attempt): the full path answers.
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}
