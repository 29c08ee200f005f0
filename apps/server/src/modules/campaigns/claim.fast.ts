// The common case of a claim on PostgreSQL, and the claims on one campaign that arrive together go
// in one statement and one commit (lib/batcher.ts). The statement locks the campaign and its items
// once, admits no more claims than the stock and the total limit leave, makes each admitted claim
// with the `kaquan_claim_member` function (migration 20261201130000: the member's counter, holding
// counters, vouchers, claim record, audit rows) and then moves the two hot rows once for the whole
// batch, by the number of claims made — one new row version per batch instead of one per claim.
// Each claim is all or nothing on its own: one the statement does not make (a member limit, a
// changed campaign, no stock left for it) gets no row, and the caller runs the full path, which
// gives the exact answer and records the refusal.

import type { Voucher } from '@kaquan/contracts';
import type pg from 'pg';
import type { AppContext } from '../../context.ts';
import type { CampaignRow, MemberRow, VoucherRow, VoucherTemplateRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../http/errors.ts';
import type { IdempotencyKey } from '../../http/idempotency.ts';
import { type Batcher, createBatcher, onePer, sumStats } from '../../lib/batcher.ts';
import { randomToken } from '../../lib/keys.ts';
import { DAY, now } from '../../lib/time.ts';
import type { Actor } from '../audit/audit.service.ts';
import { codeHash, newVoucherCode } from '../vouchers/voucher.service.ts';

export type FastItem = { id: number; quantity: number; template: VoucherTemplateRow };

// Element k of each claim's JSON array is kaquan_claim_member's argument: member ($4), then $7–$24.
const MEMBER_ARGS = [
  'bigint',
  'bigint[]',
  'int[]',
  'int[]',
  'bigint[]',
  'text[]',
  'text[]',
  'text[]',
  'bigint[]',
  'bigint[]',
  'text[]',
  'text',
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text[]',
];
// Arrays travel as PostgreSQL array literals (one cast each, no subquery per argument).
const arg = (type: string, k: number) => `(b.a->>${k})::${type}`;

/** A PostgreSQL array literal: numbers as they are, strings quoted with `"` and `\\` escaped, null as NULL. */
export function pgArray(values: readonly (string | number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null) out += 'NULL';
    else if (typeof v === 'number') out += String(v);
    else out += `"${v.includes('"') || v.includes('\\') ? v.replace(/[\\"]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}
const [memberArg, ...perClaimArgs] = MEMBER_ARGS.map(arg);

/**
 * One batch on one campaign. $1 campaign, $2 merchant, $3 at, $4/$5 the items (ids, quantities)
 * the claims were made for, $6 the claims (a JSON array, one array of arguments each).
 */
const BATCH = {
  name: 'campaigns.claim.batch',
  text: `
  with c as (
    select id, claims, total_limit, per_member_limit, cooldown_seconds from campaigns
    where id = $1::bigint and merchant_id = $2::bigint and status = 'active'
      and (starts_at is null or starts_at <= $3::bigint) and (ends_at is null or ends_at >= $3::bigint)
    for update
  ),
  its as (
    -- Locked after the campaign row (the order every claim path takes), never before it.
    select ci.id, ci.quantity, ci.stock, ci.claimed, ci.template_id from campaign_items ci
    where ci.campaign_id = (select id from c)
    for update
  ),
  same as (
    select count(*) = cardinality($4::bigint[]) and count(*) = (select count(*) from its) as ok
    from its
    join unnest($4::bigint[], $5::int[]) as w(id, quantity) on w.id = its.id and w.quantity = its.quantity
    join voucher_templates t on t.id = its.template_id and t.status = 'active'
  ),
  cap as (
    select case when not (select ok from same) or not exists (select 1 from c) then 0
      else least(
        jsonb_array_length($6::jsonb),
        coalesce((select case when total_limit = 0 then null else total_limit - claims end from c),
                 jsonb_array_length($6::jsonb)),
        coalesce((select min((stock - claimed) / quantity) from its where stock is not null),
                 jsonb_array_length($6::jsonb))) end as n
  ),
  b as (
    select a, n from jsonb_array_elements($6::jsonb) with ordinality as b(a, n)
    where n <= (select n from cap)
  ),
  done as (
    select b.n, f.claim_id, f.vouchers from b
    cross join lateral kaquan_claim_member($1::bigint, $2::bigint, $3::bigint, ${memberArg},
      (select per_member_limit from c), (select cooldown_seconds::bigint * 1000 from c),
      ${perClaimArgs.join(', ')}) f
  ),
  cu as (
    update campaigns set claims = claims + (select count(*) from done), updated_at = $3::bigint
    where id = $1::bigint and exists (select 1 from done)
    returning claims, total_limit
  ),
  iu as (
    update campaign_items ci set claimed = ci.claimed + ci.quantity * (select count(*) from done)
    where ci.campaign_id = $1::bigint and exists (select 1 from done)
    returning ci.id, ci.claimed, ci.stock, ci.quantity
  )
  select done.n, done.claim_id, done.vouchers,
         (select json_agg(json_build_object('id', id, 'claimed', claimed, 'stock', stock, 'quantity', quantity))
            from iu) as items,
         (select claims from cu) as claims, (select total_limit from cu) as total_limit
  from done order by done.n`,
};

interface RawRow {
  n: number;
  claim_id: number;
  items: { id: number; claimed: number; stock: number | null; quantity: number }[];
  claims: number;
  total_limit: number;
  vouchers: {
    id: number;
    templateId: number;
    codeHash: string;
    validFrom: number;
    validUntil: number;
    sourceRef: string;
  }[];
}

export interface FastClaimDone {
  claimId: number;
  items: RawRow['items'];
  claims: number;
  totalLimit: number;
  /** Each voucher made, and as `show` gave it (with its id). */
  vouchers: { row: VoucherRow; code: string; template: VoucherTemplateRow; view: Voucher }[];
}

/** One claim waiting for its batch: its arguments and how to read its row. */
interface Pending {
  args: unknown[];
  finish(r: RawRow): FastClaimDone;
}

/**
 * The claim made in a batch, or null when the full path must answer. With an Idempotency-Key the
 * key is claimed with the claim and its first answer stored with it, as the full path does: each
 * voucher as `show` gives it (the answer's own view), with the id the statement assigns.
 */
export async function fastClaim(
  ctx: AppContext,
  c: CampaignRow,
  items: FastItem[],
  member: MemberRow,
  actor: Actor,
  at: number,
  opts: {
    idem: IdempotencyKey | null;
    show: (row: VoucherRow, template: VoucherTemplateRow, code: string) => Voucher;
  },
): Promise<FastClaimDone | null> {
  const pool = ctx.database.pool;
  if (!pool) return null;
  const ref = `c${c.id}:${randomToken(9)}`;
  const units: {
    item: FastItem;
    code: string;
    hash: string;
    enc: string;
    validFrom: number;
    validUntil: number;
    ref: string;
  }[] = [];
  for (const item of items) {
    const t = item.template;
    const validFrom = t.validityKind === 'fixed' ? (t.validFrom ?? at) : at;
    const validUntil = t.validityKind === 'fixed' ? (t.validUntil ?? at) : at + (t.validDays ?? 0) * DAY;
    if (t.status !== 'active' || validUntil < at) return null;
    for (let i = 0; i < item.quantity; i++) {
      const code = newVoucherCode();
      units.push({
        item,
        code,
        hash: codeHash(ctx, code),
        enc: ctx.keys.encrypt(code),
        validFrom,
        validUntil,
        ref: `${ref}:${item.id}#${i + 1}`,
      });
    }
  }
  const codes = new Map(units.map((u) => [u.hash, u]));
  const rowOf = (u: (typeof units)[number], id: number): VoucherRow => ({
    id,
    merchantId: c.merchantId,
    templateId: u.item.template.id,
    memberId: member.id,
    codeHash: u.hash,
    codeEnc: u.enc,
    codeTail: u.code.slice(-4),
    state: 'unused',
    validFrom: u.validFrom,
    validUntil: u.validUntil,
    channel: 'campaign',
    sourceRef: u.ref,
    issuedAt: at,
    usedAt: null,
    usedStoreId: null,
    updatedAt: at,
  });
  // Each voucher as the answer shows it, made once: sent with a keyed claim (the statement stores
  // the answer around the new ids) and returned with the id filled in.
  const views = new Map(units.map((u) => [u, opts.show(rowOf(u, 0), u.item.template, u.code)]));
  const finish = (r: RawRow): FastClaimDone => {
    const vouchers = r.vouchers.map((v) => {
      const u = codes.get(v.codeHash)!;
      return {
        row: rowOf(u, v.id),
        code: u.code,
        template: u.item.template,
        view: { ...views.get(u)!, id: v.id },
      };
    });
    return { claimId: r.claim_id, items: r.items, claims: r.claims, totalLimit: r.total_limit, vouchers };
  };
  return batcherOf(
    ctx,
    pool,
    c,
    items,
  )({
    args: [
      member.id,
      pgArray(items.map((i) => i.template.id)),
      pgArray(items.map((i) => i.quantity)),
      pgArray(items.map((i) => i.template.perMemberLimit)),
      pgArray(units.map((u) => u.item.template.id)),
      pgArray(units.map((u) => u.hash)),
      pgArray(units.map((u) => u.enc)),
      pgArray(units.map((u) => u.code.slice(-4))),
      pgArray(units.map((u) => u.validFrom)),
      pgArray(units.map((u) => u.validUntil)),
      pgArray(units.map((u) => u.ref)),
      actor.type,
      actor.id,
      actor.name,
      actor.ip,
      actor.requestId,
      opts.idem?.key ?? null,
      opts.idem?.fingerprint ?? null,
      // Sealed: the view holds the voucher's code (http/idempotency.ts opens it on a replay).
      pgArray(opts.idem ? units.map((u) => ctx.keys.encrypt(JSON.stringify(views.get(u)))) : []),
    ],
    finish,
  });
}

/** One batch, one statement. */
async function runBatch(pool: pg.Pool, values: unknown[], claims: Pending[]) {
  const out: (FastClaimDone | null)[] = claims.map(() => null);
  try {
    const { rows } = await pool.query<RawRow>({ ...BATCH, values });
    for (const r of rows) out[Number(r.n) - 1] = claims[Number(r.n) - 1].finish(r);
    return out;
  } catch (err) {
    // A code drawn twice in one batch, or a retry racing its first attempt (the key's row locked by
    // the full path, a deadlock PostgreSQL breaks): the batch is undone and the full path answers.
    if (isUniqueViolation(err) || (err as { code?: string }).code === '40P01') return out;
    throw err;
  }
}

const batchersOf = onePer((_: AppContext) => new Map<string, Batcher<Pending, FastClaimDone | null>>());

/**
 * One batcher per campaign and item list (claims made for the same items share a statement).
 * At most 60 claims per batch: below 64, so the subtransactions of one batch stay within what
 * PostgreSQL tracks per backend without overflowing.
 */
function batcherOf(ctx: AppContext, pool: pg.Pool, c: CampaignRow, items: FastItem[]) {
  const all = batchersOf(ctx);
  const key = `${c.id}|${items.map((i) => `${i.id}x${i.quantity}`).join(',')}`;
  let b = all.get(key);
  if (!b) {
    // A campaign's item list rarely changes: its old list's batcher is dropped (one already handed out
    // finishes its batches on its own), and so are idle ones once many campaigns have been claimed.
    for (const k of all.keys()) if (k.startsWith(`${c.id}|`)) all.delete(k);
    if (all.size >= 1000) for (const [k, old] of all) if (old.idle()) all.delete(k);
    const ids = items.map((i) => i.id);
    const quantities = items.map((i) => i.quantity);
    b = createBatcher<Pending, FastClaimDone | null>({
      maxBatch: 60,
      inFlight: 2,
      run: (claims) =>
        runBatch(
          pool,
          [c.id, c.merchantId, now(), ids, quantities, JSON.stringify(claims.map((x) => x.args))],
          claims,
        ),
    });
    all.set(key, b);
  }
  return b;
}

/** Batches run and claims they carried so far in this app (zero on SQLite). */
export const fastClaimStats = (ctx: AppContext) => sumStats(batchersOf(ctx).values());
