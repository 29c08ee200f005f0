// Online redemptions of one merchant that arrive together, made together on PostgreSQL (decision
// 007, as purchases are). The plain batch — goods waiting to be shipped — is read without locks, or
// foreseen from the merchant's earlier reads without reading (redemption.plan.ts), and written by
// one statement on its own, which locks, checks and writes, keys and their answers and the day's
// counts of a daily limit included (redeemUnlocked). Any other batch, or one whose statement found something
// changed, is made in one transaction (redeemLocked): one statement locks the codes (in id order)
// and the reward goods (in id order, as every batch takes them), the daily counts are taken in one
// statement, and the code moves, zero-price checkouts, lines, stock, orders and audit rows are
// written for the whole batch — in one statement for goods waiting to be shipped
// (redemption.write.ts). With an Idempotency-Key the key is claimed in the same transaction and the
// answer stored with it, as the full path does.
//
// Only the plain success goes here: a code of this merchant, unused, in its window, not in a
// wallet, a reward the library offers, goods whose stock is the product's own. Anything else —
// a wrong entry (which must count towards a freeze), a refused code, a key seen before, a batch
// that failed as a whole — gets null, and the full path in redemption.service.ts answers it.
import type { Static } from '@sinclair/typebox';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import { prepared } from '../../db/prepared.ts';
import type { CheckoutRow, CodeLibraryRow, DB, ProductRow, RedemptionCodeRow } from '../../db/schema.ts';
import { claimKeys, firstOfEach, type IdempotencyKey, releaseKeys } from '../../http/idempotency.ts';
import { merchantBatchers, onePer } from '../../lib/batcher.ts';
import { now } from '../../lib/time.ts';
import type { Actor } from '../audit/audit.service.ts';
import { recentSettings as recentCommerceSettings } from '../commerce/loyalty.service.ts';
import { createOrdersFromCheckouts } from '../commerce/order-placement.ts';
import type { RecentMember } from '../tenancy/session.lookup.ts';
import { looksLikeCode } from './codes.format.ts';
import type { CodeSettings, RedeemBody, Redemption } from './codes.schemas.ts';
import { codeHash } from './generation.service.ts';
import {
  countWritten,
  foresee,
  keepReadCounts,
  missed,
  planAll,
  remember,
  withinDailyLimit,
} from './redemption.plan.ts';
import {
  assertNotFrozen,
  type Caller,
  forgiveFailures,
  merchantDay,
  normaliseCode,
  recentSettings,
} from './redemption.service.ts';
import {
  type DailyLimit,
  finishRedemptions,
  liveSessions,
  type Planned,
  readCodeId,
  redemptionsPerMember,
  unprovenSessions,
  writeRedemptions,
  writeWaitingRedemptions,
  writeWaitingRedemptionsAlone,
} from './redemption.write.ts';

interface Redeeming {
  caller: Caller;
  body: Static<typeof RedeemBody>;
  actor: Actor;
  idem: IdempotencyKey | null;
  /** The code's lookup hash. */
  hash: string;
  /** The member session the request did not look up: proven by the batch (Planned['req']). */
  session: RecentMember | null;
}

type Answer = { redemption: Static<typeof Redemption>; settings: CodeSettings } | null;

/**
 * The codes, their libraries, the reward goods and the merchant's time zone, in one round trip;
 * with `lock`, the codes locked in id order and the goods in id order, as every batch takes them.
 * Each lock is a materialized CTE of its own, so the codes are found by their unique hash alone:
 * joined to the libraries in one plan, PostgreSQL's generic plan scanned the merchant's codes (153
 * redemptions/s and 5.7 ms of database CPU each at 1,000,000 codes, against ~950/s and ~0.5 ms by
 * the hash alone).
 */
async function readForBatch(
  exec: Kysely<DB>,
  merchantId: number,
  at: number,
  batch: Redeeming[],
  going: number[],
  lock: boolean,
) {
  const hashes = going.map((k) => batch[k].hash);
  const productIds = [...new Set(going.map((k) => batch[k].body.productId))];
  const sessions = unprovenSessions(going.map((k) => batch[k]));
  const members = [...new Set(going.map((k) => batch[k].caller.memberId))];
  const forUpdate = lock ? sql`for update` : sql``;
  const { rows } = await prepared(
    lock ? 'codes.redeem.lock' : 'codes.redeem.read',
    sql<{
      codes: RedemptionCodeRow[] | null;
      libraries: CodeLibraryRow[] | null;
      products: ProductRow[] | null;
      timeZone: string;
      live: number[] | null;
      counted: { memberId: number; day: string; redeemed: number }[] | null;
    }>`
    with c as materialized (
      select * from redemption_codes where merchant_id = ${merchantId} and code_hash = any(${hashes}::text[])
      order by id ${forUpdate}
    ),
    p as materialized (
      select * from products where merchant_id = ${merchantId} and id = any(${productIds}::bigint[])
      order by id ${forUpdate}
    )
    select (select json_agg(c order by c.id) from c) as codes,
           (select json_agg(l) from code_libraries l
             where l.merchant_id = ${merchantId} and l.id in (select library_id from c)) as libraries,
           (select json_agg(p order by p.id) from p) as products,
           (select time_zone from merchants where id = ${merchantId}) as time_zone,
           (select json_agg(v.id) from (${liveSessions(merchantId, at, sessions)}) v) as live,
           (select json_agg(json_build_object('memberId', member_id, 'day', day, 'redeemed', redeemed))
              from code_daily_counts
             where member_id = any(${members}::bigint[]) and day = any(${daysAround(at)}::text[])) as counted`,
  ).execute(exec);
  const r = rows[0]!;
  const live = new Set((r.live ?? []).map(Number));
  const today = merchantDay(r.timeZone, at);
  return {
    codes: r.codes ?? [],
    libraries: r.libraries ?? [],
    products: r.products ?? [],
    timeZone: r.timeZone,
    /** Each member's redemptions of the merchant's day so far (S0.9). */
    counts: new Map(
      (r.counted ?? []).filter((c) => c.day === today).map((c) => [Number(c.memberId), c.redeemed]),
    ),
    // A request whose session is not proven live is left to the route, which looks it up.
    going: going.filter((k) => !batch[k].session || live.has(batch[k].session.sessionId)),
  };
}

/** The dates `at` falls on in any time zone (UTC−12 to UTC+14): where the merchant's day is. */
const daysAround = (at: number) => [
  ...new Set([-14, 0, 14].map((h) => new Date(at + h * 3_600_000).toISOString().slice(0, 10))),
];

/**
 * The day's redemption counted for each member (at most `limit`; S0.9), in one statement; the
 * members whose count was taken. A member whose day is full, or would be, is left out whole.
 */
async function takeDaily(
  trx: Transaction<DB>,
  merchantId: number,
  day: string,
  limit: number,
  perMember: Map<number, number>,
) {
  const { rows } = await prepared(
    'codes.redeem.daily',
    sql<{ memberId: number }>`
    insert into code_daily_counts as d (member_id, day, merchant_id, redeemed)
    select t.member_id, ${day}, ${merchantId}, t.n
    from unnest(${[...perMember.keys()]}::bigint[], ${[...perMember.values()]}::int[]) as t(member_id, n)
    where t.n <= ${limit}
    on conflict (member_id, day) do update set redeemed = d.redeemed + excluded.redeemed
      where d.redeemed + excluded.redeemed <= ${limit}
    returning d.member_id`,
  ).execute(trx);
  return new Set(rows.map((r) => Number(r.memberId)));
}

/**
 * What the batch can make of the requests `going` (their codes and goods locked, the day's counts
 * taken), with the code settings it read.
 */
async function planBatch(
  ctx: AppContext,
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  batch: Redeeming[],
  going: number[],
) {
  const settings = await recentSettings(ctx, trx, merchantId);
  const locked = await readForBatch(trx, merchantId, at, batch, going, true);
  let planned = planAll(ctx, at, batch, locked.going, locked);
  if (settings.dailyLimit > 0 && planned.length > 0) {
    const perMember = redemptionsPerMember(planned);
    const counted = await takeDaily(
      trx,
      merchantId,
      merchantDay(locked.timeZone, at),
      settings.dailyLimit,
      perMember,
    );
    // Stock set aside above for a member left out stays with the product: nothing was written yet.
    planned = planned.filter((p) => counted.has(p.req.caller.memberId));
  }
  return { planned, settings };
}

/** The planned redemptions written: codes moved, zero-price orders made; each one's answer. */
async function makeBatch(
  ctx: AppContext,
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  planned: Planned[],
): Promise<Static<typeof Redemption>[]> {
  const waiting = planned.filter((p) => p.waiting !== null);
  const hooked = planned.filter((p) => p.waiting === null);
  const made = new Map<Planned, Static<typeof Redemption>>();
  if (waiting.length) {
    const answers = await writeWaitingRedemptions(ctx.keys, trx, merchantId, at, waiting);
    for (const [i, p] of waiting.entries()) made.set(p, answers[i]!);
  }
  if (hooked.length) {
    const answers = await makeHooked(ctx, trx, merchantId, at, hooked);
    for (const [i, p] of hooked.entries()) made.set(p, answers[i]!);
  }
  return planned.map((p) => made.get(p)!);
}

/** Redemptions of goods fulfilled through the order placement's hook (vouchers, gift cards, …). */
async function makeHooked(
  ctx: AppContext,
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  planned: Planned[],
) {
  const ids = await writeRedemptions(trx, merchantId, at, planned);
  const checkouts: CheckoutRow[] = planned.map((p, i) => ({
    id: ids[i]!,
    merchantId,
    memberId: p.req.caller.memberId,
    status: 'paid',
    source: 'redemption',
    totalCents: 0,
    pointsUsed: 0,
    couponRef: null,
    quote: p.quoteJson,
    buyer: JSON.stringify(p.buyer),
    expiresAt: at,
    paidAt: at,
    createdAt: at,
    updatedAt: at,
  }));
  const orders = await createOrdersFromCheckouts(
    ctx,
    trx,
    merchantId,
    checkouts.map((checkout) => ({ checkout, paidAt: at })),
    'redemption',
    {
      settings: await recentCommerceSettings(ctx, trx, merchantId),
      // The lines just written and their locked goods: nothing to read back.
      lines: {
        lines: planned.map((p, i) => ({
          checkoutId: ids[i]!,
          productId: p.product.id,
          quantity: p.quantity,
          unitPriceCents: 0,
          payableCents: 0,
        })),
        products: new Map(planned.map((p) => [p.product.id, p.product])),
      },
    },
  );
  const answers = planned.map((p, i) => ({
    codeId: readCodeId(p),
    orderId: orders[i]!.id,
    orderNo: orders[i]!.orderNo,
    voucherId: null,
  }));
  await finishRedemptions(ctx.keys, trx, merchantId, at, planned, answers);
  return answers;
}

/**
 * The batch without a transaction, when it can be: only goods that wait to be shipped. The plan
 * is foreseen (one round trip) or made from a read without locks (two), and one statement locks the
 * codes and goods, takes each member's count of the day under a daily limit, checks the plan still
 * holds and writes everything (redemption.write.ts), committed on its own: the batch holds its
 * locks only while that statement runs. From a read, a request that would take its member over the
 * day's limit is left to the full path (which refuses it). Null when the batch is not such a one,
 * or the statement after a read found something changed (it then wrote nothing): the locking path
 * makes it.
 */
async function redeemUnlocked(
  ctx: AppContext,
  merchantId: number,
  at: number,
  batch: Redeeming[],
): Promise<Answer[] | null> {
  const settings = await recentSettings(ctx, ctx.db, merchantId);
  const limit = settings.dailyLimit;
  // A key twice in one batch, or a code: only the first goes on (the statement stores the key).
  const keys = new Set(batch.flatMap((r) => (r.idem ? [r.idem.key] : [])));
  const going = firstOfEach(batch, keys, (r) => r.hash);
  const answered = (planned: Planned[], answers: Static<typeof Redemption>[]) => {
    const out: Answer[] = batch.map(() => null);
    for (const [i, p] of planned.entries()) out[p.k] = { redemption: answers[i]!, settings };
    return out;
  };
  // Foreseen from the merchant's earlier reads: one round trip. Failed, it wrote nothing (a code
  // not in the library foreseen, or not plain, something changed since, a member's day full):
  // the batch reads. Every request left out (its member known at the day's limit): the full path.
  const foreseen = foresee(ctx, merchantId, at, batch, going, limit);
  if (foreseen?.planned.length === 0) return batch.map(() => null);
  if (foreseen) {
    const { planned, daily } = foreseen;
    const answers = await writeWaitingRedemptionsAlone(ctx.keys, ctx.db, merchantId, at, planned, daily);
    count(ctx, answers ? 'made' : 'missed');
    if (answers) {
      if (daily) countWritten(ctx, merchantId, daily.day, planned);
      return answered(planned, answers);
    }
    missed(ctx, merchantId, at);
  }
  const read = await readForBatch(ctx.db, merchantId, at, batch, going, false);
  remember(ctx, merchantId, read);
  const daily: DailyLimit | null =
    limit > 0 ? { limit, timeZone: read.timeZone, day: merchantDay(read.timeZone, at) } : null;
  if (daily) keepReadCounts(ctx, merchantId, daily.day, read.counts);
  const plain = planAll(ctx, at, batch, read.going, read);
  const planned = limit > 0 ? withinDailyLimit(plain, read.counts, limit) : plain;
  // Nothing plain: the full path answers each request (the locking path would find the same).
  if (planned.length === 0) return batch.map(() => null);
  if (planned.some((p) => p.waiting === null)) return null;
  // Failed, it wrote nothing: something changed since the read, or an order's drawn number was
  // taken (by another server process: this one never draws a number twice). Once more under new
  // numbers, then the locking path.
  const answers =
    (await writeWaitingRedemptionsAlone(ctx.keys, ctx.db, merchantId, at, planned, daily)) ??
    (await writeWaitingRedemptionsAlone(ctx.keys, ctx.db, merchantId, at, planned, daily));
  if (answers && daily) countWritten(ctx, merchantId, daily.day, planned);
  return answers && answered(planned, answers);
}

async function redeemBatch(ctx: AppContext, merchantId: number, batch: Redeeming[]): Promise<Answer[]> {
  const at = now();
  return (
    (await redeemUnlocked(ctx, merchantId, at, batch)) ?? (await redeemLocked(ctx, merchantId, at, batch))
  );
}

/** The batch in one transaction: keys claimed, codes and goods locked, then planned and written. */
async function redeemLocked(ctx: AppContext, merchantId: number, at: number, batch: Redeeming[]) {
  const out: Answer[] = batch.map(() => null);
  await ctx.db.transaction().execute(async (trx) => {
    // A key twice in one batch, or a code: only the first goes on; the rest wait for the full path.
    const held = await claimKeys(
      trx,
      merchantId,
      batch.map((r) => r.idem),
    );
    const going = firstOfEach(batch, held, (r) => r.hash);
    const { planned, settings } = going.length
      ? await planBatch(ctx, trx, merchantId, at, batch, going)
      : { planned: [], settings: null };
    const answers = planned.length ? await makeBatch(ctx, trx, merchantId, at, planned) : [];
    // A key claimed for a request the batch did not make is let go: the full path claims it again.
    await releaseKeys(
      trx,
      merchantId,
      held,
      planned.map((p) => p.req),
    );
    for (const [i, p] of planned.entries()) out[p.k] = { redemption: answers[i], settings: settings! };
  });
  return out;
}

const batchers = merchantBatchers({
  name: 'redemption',
  maxBatch: 100,
  // One batch at the database while the next gathers: batches of one merchant mostly lock the
  // same reward goods, so a second would only wait for the first.
  inFlight: 1,
  run: redeemBatch,
});

/**
 * An online redemption made in a batch, or null when the full path must answer (SQLite, or
 * anything but a plain success). A frozen member or IP is refused here, before any lookup.
 */
export async function redeemInBatch(
  ctx: AppContext,
  caller: Caller,
  body: Static<typeof RedeemBody>,
  actor: Actor,
  idem: IdempotencyKey | null,
  session: RecentMember | null = null,
): Promise<Static<typeof Redemption> | null> {
  if (!ctx.database.pool) return null;
  await assertNotFrozen(ctx, caller);
  const code = normaliseCode(body.code);
  if (!looksLikeCode(code)) return null;
  const answer = await batchers.submit(ctx, caller.merchantId, {
    caller,
    body,
    actor,
    idem,
    hash: codeHash(ctx, code),
    session,
  });
  if (!answer) return null;
  await forgiveFailures(ctx, caller, answer.settings);
  return answer.redemption;
}

/** Batches whose foreseen plan was made, and those whose plan failed (they then read). */
const foreseenCounts = onePer((_: AppContext) => ({ made: 0, missed: 0 }));
const count = (ctx: AppContext, what: 'made' | 'missed') => {
  foreseenCounts(ctx)[what]++;
};

/**
 * Batches run, redemptions they carried and made, batches undone for an error, and batches
 * foreseen and made or missed (zero on SQLite).
 */
export const redemptionBatchStats = (ctx: AppContext) => ({
  ...batchers.stats(ctx),
  foreseen: { ...foreseenCounts(ctx) },
});
