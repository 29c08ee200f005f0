// What a batch of online redemptions will write (redemption.batch.ts): each request's plan, from
// what the batch read — or foreseen from what the merchant's batches read before, so that a batch
// can skip its read. Either way the batch's statement checks that the plan holds before it writes
// (redemption.write.ts, planHolds), so a foreseen plan that no longer holds costs a statement that
// fails and writes nothing, never a wrong redemption.
import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.ts';
import type { CodeLibraryRow, ProductRow, RedemptionCodeRow } from '../../db/schema.ts';
import { onePer } from '../../lib/batcher.ts';
import { checkBuyer, zeroPriceQuote } from '../commerce/checkout.service.ts';
import { waitingAtPayment } from '../commerce/order-placement.batch.ts';
import { PRODUCT_TYPES } from '../commerce/product-types.ts';
import type { RedeemBody } from './codes.schemas.ts';
import { rewardOf } from './library.service.ts';
import { merchantDay } from './redemption.service.ts';
import { type DailyLimit, type Planned, redemptionsPerMember } from './redemption.write.ts';

type Request = Planned['req'] & { body: Static<typeof RedeemBody> };

/**
 * The reward part of a plan: the library active and in its window, the chosen goods on sale,
 * fulfilled without a stock of their own, with what the buyer must give. With `stockLeft`, the
 * units left are checked too (else the statement checks them). Null when the full path must answer.
 */
function planReward(
  ctx: AppContext,
  req: Request,
  library: CodeLibraryRow,
  products: Map<number, ProductRow>,
  stockLeft: Map<number, number> | null,
  at: number,
) {
  if (library.status !== 'active') return null;
  if (library.validUntil !== null && library.validUntil < at) return null;
  if (library.validFrom !== null && library.validFrom > at) return null;
  const choice = rewardOf(library).find((r) => r.productId === req.body.productId);
  const product = choice && products.get(choice.productId);
  if (!choice || !product || product.onSale !== 1 || !ctx.fulfilment.has(product.type)) return null;
  // Card keys (and any goods with a stock of their own) are taken by the full path.
  if (ctx.fulfilment.get(product.type)?.available !== undefined) return null;
  if (stockLeft && stockLeft.get(product.id)! < choice.quantity) return null;
  try {
    const buyer = checkBuyer(new Set([PRODUCT_TYPES[product.type].buyerNeeds]), req.body.buyer);
    return { library, product, quantity: choice.quantity, buyer, waiting: waitingAtPayment(ctx, product) };
  } catch {
    return null;
  }
}

/** The request's plan when the batch can make it; null when the full path must answer. */
function planOne(
  ctx: AppContext,
  req: Request,
  code: RedemptionCodeRow | undefined,
  library: CodeLibraryRow | undefined,
  products: Map<number, ProductRow>,
  stockLeft: Map<number, number>,
  at: number,
) {
  // Not found, in a wallet or refused: the full path gives the exact answer (planReward checks
  // the library's window, which is the code's).
  if (!code || !library || code.voucherId !== null || code.state !== 'unused') return null;
  const plan = planReward(ctx, req, library, products, stockLeft, at);
  return plan && { code, ...plan };
}

/** What a batch read: the codes, their libraries, the reward goods and the merchant's time zone. */
export interface Read {
  codes: RedemptionCodeRow[];
  libraries: CodeLibraryRow[];
  products: ProductRow[];
  timeZone: string;
}

/**
 * The plans that keep each member within the daily limit (S0.9), in order, given the day's counts
 * the batch read; the rest are left to the full path, which refuses them exactly. The statement
 * takes the counts again and fails whole should another batch have taken one meanwhile.
 */
export function withinDailyLimit(planned: Planned[], counts: Map<number, number>, limit: number) {
  const used = new Map(counts);
  return planned.filter((p) => {
    const n = (used.get(p.req.caller.memberId) ?? 0) + 1;
    if (n > limit) return false;
    used.set(p.req.caller.memberId, n);
    return true;
  });
}

/** The plans of the requests `going` that the batch can make, from what it read. */
export function planAll(ctx: AppContext, at: number, batch: Request[], going: number[], seen: Read) {
  const codes = new Map(seen.codes.map((c) => [c.codeHash, c]));
  const libraries = new Map(seen.libraries.map((l) => [l.id, l]));
  const products = new Map(seen.products.map((p) => [p.id, p]));
  const stockLeft = new Map([...products.values()].map((p) => [p.id, p.stock]));
  const planned: Planned[] = [];
  for (const k of going) {
    const req = batch[k]!;
    const code = codes.get(req.hash);
    const plan = planOne(ctx, req, code, code && libraries.get(code.libraryId), products, stockLeft, at);
    if (!plan) continue;
    stockLeft.set(plan.product.id, stockLeft.get(plan.product.id)! - plan.quantity);
    planned.push({ k, req, ...plan, quoteJson: JSON.stringify(zeroPriceQuote([plan])) });
  }
  return planned;
}

/** After a foreseen plan failed, the merchant's batches read for this long before they foresee again. */
export const FORESIGHT_PAUSE_MS = 1000;

/** What one merchant's batches read last: its libraries (and the goods each offers) and goods. */
interface Seen {
  libraries: Map<number, CodeLibraryRow>;
  /** For each product, the libraries seen that offer it. */
  offers: Map<number, CodeLibraryRow[]>;
  products: Map<number, ProductRow>;
  /** The merchant's time zone, for the day of a daily limit (the statement checks it). */
  timeZone: string;
  /** When a foreseen plan last failed. */
  missedAt: number;
  /**
   * The members' redemptions of the merchant's `day` (S0.9) known to this process: what its reads
   * found plus what its batches wrote since. Lower bounds — other processes add to them, and the
   * statement counts exactly — so a member counted at the limit is at it.
   */
  day: string;
  counts: Map<number, number>;
}

/** Members' counts kept per merchant and day, the oldest let go first beyond this. */
const MAX_COUNTED = 100_000;

const seenOf = onePer((_: AppContext) => new Map<number, Seen>());

/** What a batch read, kept for the merchant's next batches (the newest row of each library and product). */
export function remember(ctx: AppContext, merchantId: number, read: Read) {
  const all = seenOf(ctx);
  let seen = all.get(merchantId);
  if (!seen) {
    // Merchants seen long ago go first, as the batchers' own merchants do.
    if (all.size >= 1000) all.delete(all.keys().next().value!);
    seen = {
      libraries: new Map(),
      offers: new Map(),
      products: new Map(),
      timeZone: '',
      missedAt: 0,
      day: '',
      counts: new Map(),
    };
    all.set(merchantId, seen);
  }
  seen.timeZone = read.timeZone;
  for (const p of read.products) seen.products.set(p.id, p);
  if (read.libraries.length === 0) return;
  for (const l of read.libraries) seen.libraries.set(l.id, l);
  seen.offers.clear();
  for (const l of seen.libraries.values())
    for (const r of rewardOf(l)) seen.offers.set(r.productId, [...(seen.offers.get(r.productId) ?? []), l]);
}

/** The merchant's counts of `day` kept here, begun again when the day has changed. */
function countsOf(seen: Seen, day: string) {
  if (seen.day !== day) {
    seen.day = day;
    seen.counts = new Map();
  }
  return seen.counts;
}

/** Sets each member's kept count of the merchant's `day` to `count(kept)`, the newest last. */
function keepEach(
  ctx: AppContext,
  merchantId: number,
  day: string,
  members: Map<number, number>,
  count: (kept: number, n: number) => number,
) {
  const seen = seenOf(ctx).get(merchantId);
  if (!seen) return;
  const counts = countsOf(seen, day);
  for (const [member, n] of members) {
    const next = count(counts.get(member) ?? 0, n);
    counts.delete(member); // the newest last, so the oldest go first
    counts.set(member, next);
    if (counts.size > MAX_COUNTED) counts.delete(counts.keys().next().value!);
  }
}

/** Keeps the counts of the merchant's day a batch's read found (S0.9). */
export function keepReadCounts(ctx: AppContext, merchantId: number, day: string, read: Map<number, number>) {
  keepEach(ctx, merchantId, day, read, Math.max);
}

/** Counts what a batch wrote under a daily limit on its members' kept days. */
export function countWritten(ctx: AppContext, merchantId: number, day: string, wrote: Planned[]) {
  keepEach(ctx, merchantId, day, redemptionsPerMember(wrote), (kept, n) => kept + n);
}

/** A foreseen plan of this merchant failed: its next batches read for a while. */
export function missed(ctx: AppContext, merchantId: number, at: number) {
  const seen = seenOf(ctx).get(merchantId);
  if (seen) seen.missedAt = at;
}

/**
 * The plans of the requests `going`, foreseen without reading, when every one can be: each
 * request's product offered by exactly one library seen, and that library and product, as seen,
 * make a plain plan of goods waiting to be shipped. The code is taken to be in that library,
 * unused and in no wallet — the statement checks it. Null when any request cannot be foreseen (or
 * a foreseen plan of the merchant failed just before): the batch reads. With the plans, under a
 * daily limit (`limit` > 0), the limit and its day in the time zone seen (the statement checks it
 * too); a request of a member this process knows at the limit is left out, for the full path to
 * refuse: it would fail the whole statement.
 */
export function foresee(
  ctx: AppContext,
  merchantId: number,
  at: number,
  batch: Request[],
  going: number[],
  limit: number,
) {
  const seen = seenOf(ctx).get(merchantId);
  if (!seen || at - seen.missedAt < FORESIGHT_PAUSE_MS) return null;
  const planned = foreseePlans(ctx, seen, at, batch, going);
  if (!planned) return null;
  if (limit === 0) return { planned, daily: null };
  const daily: DailyLimit = { limit, timeZone: seen.timeZone, day: merchantDay(seen.timeZone, at) };
  return { planned: withinDailyLimit(planned, countsOf(seen, daily.day), limit), daily };
}

function foreseePlans(ctx: AppContext, seen: Seen, at: number, batch: Request[], going: number[]) {
  const planned: Planned[] = [];
  for (const k of going) {
    const req = batch[k]!;
    const offering = seen.offers.get(req.body.productId);
    if (offering?.length !== 1) return null;
    const plan = planReward(ctx, req, offering[0]!, seen.products, null, at);
    if (!plan || plan.waiting === null) return null;
    planned.push({ k, req, code: null, ...plan, quoteJson: JSON.stringify(zeroPriceQuote([plan])) });
  }
  return planned.length ? planned : null;
}
