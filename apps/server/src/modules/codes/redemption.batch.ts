// Online redemptions of one merchant that arrive together, made in one transaction on PostgreSQL
// (decision 007, as purchases are): the codes are locked once (in id order), the reward goods once
// (in id order, as every batch takes them), the daily counts taken in one statement, and the code
// moves, zero-price checkouts, lines, stock, orders and audit rows written a statement each for
// the whole batch. With an Idempotency-Key the key is claimed in the same transaction and the
// answer stored with it, as the full path does.
//
// Only the plain success goes here: a code of this merchant, unused, in its window, not in a
// wallet, a reward the library offers, goods whose stock is the product's own. Anything else —
// a wrong entry (which must count towards a freeze), a refused code, a key seen before, a batch
// that failed as a whole — gets null, and the full path in redemption.service.ts answers it.
import type { Static } from '@sinclair/typebox';
import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import { prepared } from '../../db/prepared.ts';
import type { CheckoutRow, CodeLibraryRow, DB, ProductRow, RedemptionCodeRow } from '../../db/schema.ts';
import {
  claimKeys,
  firstOfEach,
  type IdempotencyKey,
  releaseKeys,
  storeAnswers,
} from '../../http/idempotency.ts';
import { merchantBatchers } from '../../lib/batcher.ts';
import { groupBy } from '../../lib/collections.ts';
import { now } from '../../lib/time.ts';
import { batchAuditInsert } from '../audit/audit.repo.ts';
import type { Actor } from '../audit/audit.service.ts';
import * as catalog from '../commerce/catalog.repo.ts';
import { newCheckoutIds, takeStockCte } from '../commerce/checkout.repo.ts';
import { checkBuyer, zeroPriceQuote } from '../commerce/checkout.service.ts';
import { recentSettings } from '../commerce/loyalty.service.ts';
import { createOrdersFromCheckouts } from '../commerce/order-placement.ts';
import { PRODUCT_TYPES } from '../commerce/product-types.ts';
import { looksLikeCode } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import type { CodeSettings, RedeemBody, Redemption } from './codes.schemas.ts';
import { CODE_TRANSITIONS, shownCodeState } from './codes.states.ts';
import { codeHash } from './generation.service.ts';
import { rewardOf } from './library.service.ts';
import {
  assertNotFrozen,
  type Caller,
  forgiveFailures,
  getSettings,
  merchantDay,
  normaliseCode,
} from './redemption.service.ts';

interface Redeeming {
  caller: Caller;
  body: Static<typeof RedeemBody>;
  actor: Actor;
  idem: IdempotencyKey | null;
  /** The code's lookup hash. */
  hash: string;
}

type Answer = { redemption: Static<typeof Redemption>; settings: CodeSettings } | null;

/** What one request will write, once the batch found it can be made. */
interface Planned {
  k: number;
  req: Redeeming;
  code: RedemptionCodeRow;
  product: ProductRow;
  quantity: number;
  buyer: ReturnType<typeof checkBuyer>;
  quoteJson: string;
}

/**
 * The codes, locked in id order. Only a lookup by the unique hash: joined to the libraries in the
 * same prepared statement, PostgreSQL's generic plan scanned the merchant's codes (153 redemptions/s
 * and 5.7 ms of database CPU each at 1,000,000 codes, against ~950/s and ~0.5 ms this way).
 */
async function lockCodes(trx: Transaction<DB>, merchantId: number, hashes: string[]) {
  const { rows } = await prepared(
    'codes.redeem.lock',
    sql<RedemptionCodeRow>`
    select * from redemption_codes where merchant_id = ${merchantId} and code_hash = any(${hashes}::text[])
    order by id for update`,
  ).execute(trx);
  return rows;
}

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

/** The codes' moves, the zero-price checkouts, their lines, the stock and audit rows: one statement. */
async function writeRedemptions(trx: Transaction<DB>, merchantId: number, at: number, planned: Planned[]) {
  const taken = new Map<number, number>();
  for (const p of planned) taken.set(p.product.id, (taken.get(p.product.id) ?? 0) + p.quantity);
  const { rows } = await prepared(
    'codes.redeem.write',
    sql<{ id: number; moved: number }>`
    with ${newCheckoutIds(planned.length)},
    ${takeStockCte(taken)},
    rc as (
      update redemption_codes r set state = ${CODE_TRANSITIONS.redeem.to}, member_id = t.member_id,
        redeemed_via = 'online', redeemed_at = ${at}, updated_at = ${at}
      from unnest(${planned.map((p) => p.code.id)}::bigint[], ${planned.map((p) => p.req.caller.memberId)}::bigint[])
        as t(id, member_id)
      where r.id = t.id and r.state = 'unused'
      returning r.id
    ),
    c as (
      insert into checkouts (id, merchant_id, member_id, status, source, total_cents, points_used, coupon_ref,
                             quote, buyer, expires_at, paid_at, created_at, updated_at)
      select ids.id, ${merchantId}, t.member_id, 'paid', 'redemption', 0, 0, null, t.quote, t.buyer, ${at}, ${at}, ${at}, ${at}
      from unnest(${planned.map((p) => p.req.caller.memberId)}::bigint[], ${planned.map((p) => p.quoteJson)}::text[],
                  ${planned.map((p) => JSON.stringify(p.buyer))}::text[])
        with ordinality as t(member_id, quote, buyer, k)
      join ids using (k)
    ),
    l as (
      insert into checkout_lines (checkout_id, merchant_id, product_id, quantity, unit_price_cents, payable_cents)
      select ids.id, ${merchantId}, t.product_id, t.quantity, 0, 0
      from unnest(${planned.map((p) => p.product.id)}::bigint[], ${planned.map((p) => p.quantity)}::int[])
        with ordinality as t(product_id, quantity, k)
      join ids using (k)
    ),
    a as (${batchAuditInsert({
      merchantId,
      at,
      action: 'checkout.redeem',
      targetType: 'checkout',
      entries: planned.map((p) => ({
        actor: p.req.actor,
        after: { lines: [{ productId: p.product.id, quantity: p.quantity }], note: null },
      })),
      targets: 'ids',
    })})
    select id, (select count(*) from rc)::int as moved from ids order by k`,
  ).execute(trx);
  // Every code was locked and seen unused above: anything else is a bug, and undoes the batch.
  if (rows[0]?.moved !== planned.length) throw new Error('a locked code changed under its batch');
  return rows.map((r) => Number(r.id));
}

/** Each code's order and its `code.redeem` audit row; for keyed requests, the stored answer. */
async function finishRedemptions(
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  planned: Planned[],
  answers: Static<typeof Redemption>[],
) {
  await prepared(
    'codes.redeem.finish',
    sql`
    with rc as (
      update redemption_codes r set order_id = t.order_id
      from unnest(${answers.map((a) => a.codeId)}::bigint[], ${answers.map((a) => a.orderId)}::bigint[]) as t(id, order_id)
      where r.id = t.id
    ),
    a as (${batchAuditInsert({
      merchantId,
      at,
      action: 'code.redeem',
      targetType: 'redemption_code',
      entries: planned.map((p, i) => ({
        actor: p.req.actor,
        before: { state: 'unused' },
        after: {
          state: CODE_TRANSITIONS.redeem.to,
          via: 'online',
          orderId: answers[i].orderId,
          voucherId: null,
        },
      })),
      targets: answers.map((a) => a.codeId),
    })})
    select 1`,
  ).execute(trx);
  await storeAnswers(
    trx,
    merchantId,
    201,
    planned.flatMap((p, i) => (p.req.idem ? [{ key: p.req.idem.key, body: answers[i] }] : [])),
  );
}

/** The request's plan when the batch can make it; null when the full path must answer. */
function planOne(
  ctx: AppContext,
  req: Redeeming,
  code: RedemptionCodeRow | undefined,
  library: CodeLibraryRow | undefined,
  products: Map<number, ProductRow>,
  stockLeft: Map<number, number>,
  at: number,
) {
  // Not found, in a wallet, refused or out of its window: the full path gives the exact answer.
  if (!code || !library || code.voucherId !== null || library.status !== 'active') return null;
  if (shownCodeState(code.state, library.validUntil, at) !== 'unused') return null;
  if (library.validFrom !== null && library.validFrom > at) return null;
  const choice = rewardOf(library).find((r) => r.productId === req.body.productId);
  const product = choice && products.get(choice.productId);
  if (!choice || !product || product.onSale !== 1 || !ctx.fulfilment.has(product.type)) return null;
  // Card keys (and any goods with a stock of their own) are taken by the full path.
  if (ctx.fulfilment.get(product.type)?.available !== undefined) return null;
  if (stockLeft.get(product.id)! < choice.quantity) return null;
  try {
    const buyer = checkBuyer(new Set([PRODUCT_TYPES[product.type].buyerNeeds]), req.body.buyer);
    return { code, product, quantity: choice.quantity, buyer };
  } catch {
    return null;
  }
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
  const settings = await getSettings(trx, merchantId);
  const codes = new Map(
    (
      await lockCodes(
        trx,
        merchantId,
        going.map((k) => batch[k].hash),
      )
    ).map((c) => [c.codeHash, c]),
  );
  const libraries = new Map(
    (
      await repo.findLibraries(trx, merchantId, [...new Set([...codes.values()].map((c) => c.libraryId))])
    ).map((l) => [l.id, l]),
  );
  const productIds = [...new Set(going.map((k) => batch[k].body.productId))];
  const products = new Map((await catalog.lockProducts(trx, merchantId, productIds)).map((p) => [p.id, p]));
  const stockLeft = new Map([...products.values()].map((p) => [p.id, p.stock]));
  let planned: Planned[] = [];
  for (const k of going) {
    const req = batch[k];
    const code = codes.get(req.hash);
    const plan = planOne(ctx, req, code, code && libraries.get(code.libraryId), products, stockLeft, at);
    if (!plan) continue;
    stockLeft.set(plan.product.id, stockLeft.get(plan.product.id)! - plan.quantity);
    planned.push({ k, req, ...plan, quoteJson: JSON.stringify(zeroPriceQuote([plan])) });
  }
  if (settings.dailyLimit > 0 && planned.length > 0) {
    const perMember = new Map(
      [...groupBy(planned, (p) => p.req.caller.memberId)].map(([m, mine]) => [m, mine.length]),
    );
    const { timeZone } = await repo.merchantSlug(trx, merchantId);
    const counted = await takeDaily(
      trx,
      merchantId,
      merchantDay(timeZone, at),
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
) {
  const ids = await writeRedemptions(trx, merchantId, at, planned);
  const checkouts: CheckoutRow[] = planned.map((p, i) => ({
    id: ids[i],
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
      settings: await recentSettings(ctx, trx, merchantId),
      // The lines just written and their locked goods: nothing to read back.
      lines: {
        lines: planned.map((p, i) => ({
          checkoutId: ids[i],
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
    codeId: p.code.id,
    orderId: orders[i].id,
    orderNo: orders[i].orderNo,
    voucherId: null,
  }));
  await finishRedemptions(trx, merchantId, at, planned, answers);
  return answers;
}

async function redeemBatch(ctx: AppContext, merchantId: number, batch: Redeeming[]): Promise<Answer[]> {
  const out: Answer[] = batch.map(() => null);
  const at = now();
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
  });
  if (!answer) return null;
  await forgiveFailures(ctx, caller, answer.settings);
  return answer.redemption;
}

/** Batches run, redemptions they carried and made, and batches undone for an error (zero on SQLite). */
export const redemptionBatchStats = (ctx: AppContext) => batchers.stats(ctx);
