// PostgreSQL only: kaquan_claim_member (20261201130000_claim_function.ts) stores a keyed claim's
// answer sealed. $24 now holds each voucher's view as the answer shows it, sealed by the server
// (AES-GCM under the app's key: it holds the voucher's code), and the stored answer is
// { claimId, vouchers: [{ id, $sealed }] }, which the replay opens (http/idempotency.ts openAnswer).
// Everything else is as before.
import { sql } from 'kysely';
import * as previous from './20261201130000_claim_function.ts';
import { isPostgres, type MigrationDb } from './helpers.ts';

const SIGNATURE = sql.raw(`kaquan_claim_member(bigint, bigint, bigint, bigint, int, bigint, bigint[], int[],
  int[], bigint[], text[], text[], text[], bigint[], bigint[], text[], text, bigint, text, text, text, text, text, text[])`);

export async function up(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
create or replace function ${SIGNATURE}
returns table (claim_id bigint, vouchers json)
language plpgsql volatile as $fn$
#variable_conflict use_column
begin
  return query
  with m as (
    insert into campaign_member_claims (campaign_id, member_id, merchant_id, claims, last_claimed_at)
    values ($1, $4, $2, 1, $3)
    on conflict (campaign_id, member_id) do update
      set claims = campaign_member_claims.claims + 1, last_claimed_at = $3
      where ($5 = 0 or campaign_member_claims.claims < $5)
        and ($6 = 0 or campaign_member_claims.last_claimed_at <= $3 - $6)
    returning 1
  ),
  lim as (select * from unnest($7, $8, $9) as l(template_id, n, lim)),
  h as (
    insert into voucher_holdings (member_id, template_id, merchant_id, received)
    select $4, lim.template_id, $2, lim.n from lim where lim.lim = 0 or lim.n <= lim.lim
    on conflict (member_id, template_id) do update
      set received = voucher_holdings.received + excluded.received
      where exists (select 1 from lim where lim.template_id = voucher_holdings.template_id
                    and (lim.lim = 0 or voucher_holdings.received + excluded.received <= lim.lim))
    returning template_id
  ),
  v as (
    insert into vouchers (merchant_id, template_id, member_id, code_hash, code_enc, code_tail, state,
                          valid_from, valid_until, channel, source_ref, issued_at, used_at, used_store_id, updated_at)
    select $2, x.t, $4, x.h, x.e, x.tail, 'unused', x.vf, x.vu, 'campaign', x.ref, $3, null, null, $3
    from unnest($10, $11, $12, $13, $14, $15, $16) as x(t, h, e, tail, vf, vu, ref)
    returning id, template_id, code_hash, valid_from, valid_until, source_ref
  ),
  rec as (
    insert into campaign_claims (merchant_id, campaign_id, member_id, result, voucher_ids, at)
    select $2, $1, $4, 'granted', (select coalesce(json_agg(id order by id), '[]')::text from v), $3
    returning id
  ),
  k as (
    insert into idempotency_keys (merchant_id, key, fingerprint, created_at, status_code, response_body)
    select $2, $22, $23, $3, 201,
           json_build_object('claimId', (select id from rec),
             'vouchers', (select json_agg(json_build_object('id', v.id, '$sealed', u.body) order by v.id)
                          from v join unnest($11, $24) as u(h, body) on u.h = v.code_hash))::text
    where $22 is not null
    on conflict (merchant_id, key) do nothing
    returning 1
  ),
  a as (
    insert into audit_log (merchant_id, actor_type, actor_id, actor_name, action, target_type, target_id,
                           before_json, after_json, ip, request_id, at)
    select $2, $17, $18, $19, 'voucher.issue', 'template', lim.template_id::text, null,
           json_build_object('memberId', $4, 'channel', 'campaign', 'count', lim.n,
             'voucherIds', (select json_agg(v.id order by v.id) from v where v.template_id = lim.template_id))::text,
           $20, $21, $3
    from lim
  )
  select rec.id::bigint,
         (select json_agg(json_build_object('id', v.id, 'templateId', v.template_id, 'codeHash', v.code_hash,
            'validFrom', v.valid_from, 'validUntil', v.valid_until, 'sourceRef', v.source_ref) order by v.id) from v)
  from rec
  where 1 / (case when (select count(*) from m) = 1 and (select count(*) from h) = cardinality($7)
                   and ($22 is null or (select count(*) from k) = 1)
                  then 1 else 0 end) = 1;
exception when division_by_zero then
  return;
end
$fn$`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await previous.down(db);
  await previous.up(db);
}
