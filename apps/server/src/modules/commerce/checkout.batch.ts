// Buy-now checkouts that arrive together, made in one transaction on PostgreSQL (decision 007):
// the products are locked once, stock is taken once per product for the whole batch, and the
// checkouts, lines, payments and audit rows go in one insert each. The quote is the same
// function the full path uses, on the same rows, read inside the transaction.
//
// Only the plain case goes here: buy now, no coupon, no points, goods whose stock is the
// product's own, a total above zero. A request the batch cannot make (a product off sale or out
// of stock, missing buyer fields, …) gets null and the full path in checkout.service.ts answers
// it with the exact error. A batch that fails as a whole is undone and all of it goes that way.
import type { Buyer, Checkout, CommerceSettings } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import { prepared } from '../../db/prepared.ts';
import type { CheckoutRow, DB, ProductRow } from '../../db/schema.ts';
import {
  claimKeys,
  firstOfEach,
  type IdempotencyKey,
  releaseKeys,
  storeAnswers,
} from '../../http/idempotency.ts';
import { merchantBatchers } from '../../lib/batcher.ts';
import { randomToken } from '../../lib/keys.ts';
import { MINUTE, now } from '../../lib/time.ts';
import { batchAuditInsert } from '../audit/audit.repo.ts';
import type { Actor } from '../audit/audit.service.ts';
import * as catalog from './catalog.repo.ts';
import { insertCheckoutsCte, insertLinesCte, newCheckoutIds, takeStockCte } from './checkout.repo.ts';
import { checkBuyer, checkoutView, toQuoteProduct } from './checkout.service.ts';
import { findMembersCommerce } from './loyalty.repo.ts';
import { recentSettings, svipActive } from './loyalty.service.ts';
import { PRODUCT_TYPES } from './product-types.ts';
import { type Quote, quote } from './quote.ts';

type Line = { productId: number; quantity: number };

interface Buying {
  memberId: number;
  actor: Actor;
  idem: IdempotencyKey | null;
  lines: Line[];
  buyer: Static<typeof Buyer> | undefined;
}

/** What one request will write, once the batch found it can be made. */
interface Planned {
  k: number;
  req: Buying;
  lines: { product: ProductRow; quantity: number }[];
  quote: Omit<Quote, 'couponRejected'>;
  buyer: Static<typeof Buyer>;
  quoteJson: string;
  token: string;
}

/**
 * Everything the batch writes, in one statement: the stock taken, and the checkouts (ids drawn
 * from their sequence first, so each request's lines, payment and audit row point at its own),
 * lines, payments and audit rows. The new ids, in the order of `planned`.
 */
async function writeBatch(
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  expiresAt: number,
  taken: Map<number, number>,
  planned: Planned[],
  provider: string,
): Promise<number[]> {
  const { rows } = await prepared(
    'commerce.checkout.batch',
    sql<{ id: number }>`
    with ${newCheckoutIds(planned.length)},
    ${takeStockCte(taken)},
    ${insertCheckoutsCte({
      merchantId,
      at,
      status: 'pending',
      source: 'buy_now',
      expiresAt,
      paidAt: null,
      rows: planned.map((p) => ({
        memberId: p.req.memberId,
        totalCents: p.quote.totalCents,
        quote: p.quoteJson,
        buyer: JSON.stringify(p.buyer),
      })),
    })},
    ${insertLinesCte(
      merchantId,
      planned.flatMap((p, i) =>
        p.lines.map((l, j) => ({
          k: i + 1,
          productId: l.product.id,
          quantity: l.quantity,
          unitPriceCents: l.product.priceCents,
          payableCents: p.quote.items[j].payableCents,
        })),
      ),
    )},
    p as (
      insert into payments (merchant_id, checkout_id, provider, token, amount_cents, status, created_at, updated_at)
      select ${merchantId}, ids.id, ${provider}, t.token, t.total, 'pending', ${at}, ${at}
      from unnest(${planned.map((p) => p.token)}::text[], ${planned.map((p) => p.quote.totalCents)}::int[])
        with ordinality as t(token, total, k)
      join ids using (k)
    ),
    a as (${batchAuditInsert({
      merchantId,
      at,
      action: 'checkout.create',
      targetType: 'checkout',
      entries: planned.map((p) => ({
        actor: p.req.actor,
        after: { totalCents: p.quote.totalCents, lines: p.req.lines },
      })),
      targets: 'ids',
    })})
    select id from ids order by k`,
  ).execute(trx);
  return rows.map((r) => Number(r.id));
}

async function checkoutBatch(ctx: AppContext, merchantId: number, batch: Buying[]) {
  const out: (Checkout | null)[] = batch.map(() => null);
  const at = now();
  await ctx.db.transaction().execute(async (trx) => {
    // Keys first, as the full path takes them; of each key only the first request goes on, and
    // only when this batch claimed it.
    const held = await claimKeys(
      trx,
      merchantId,
      batch.map((b) => b.idem),
    );
    const going = new Set(firstOfEach(batch, held));
    const productIds = [...new Set(batch.flatMap((b) => b.lines.map((l) => l.productId)))];
    const products = new Map((await catalog.lockProducts(trx, merchantId, productIds)).map((p) => [p.id, p]));
    const members = new Map(
      (
        await findMembersCommerce(
          trx,
          merchantId,
          batch.map((b) => b.memberId),
        )
      ).map((m) => [m.id, m]),
    );
    const settings = await recentSettings(ctx, trx, merchantId);
    const stockLeft = new Map([...products.values()].map((p) => [p.id, p.stock]));
    const planned: Planned[] = [];
    batch.forEach((req, k) => {
      if (!going.has(k)) return;
      const plan = planOne(ctx, req, products, members.get(req.memberId), settings, stockLeft);
      if (!plan) return;
      for (const l of plan.lines) stockLeft.set(l.product.id, stockLeft.get(l.product.id)! - l.quantity);
      planned.push({
        k,
        req,
        ...plan,
        quoteJson: JSON.stringify(plan.quote),
        token: `sbx_${randomToken(18)}`,
      });
    });
    await releaseKeys(
      trx,
      merchantId,
      held,
      planned.map((p) => p.req),
    );
    if (planned.length === 0) return;

    const taken = new Map<number, number>();
    for (const p of planned)
      for (const l of p.lines) taken.set(l.product.id, (taken.get(l.product.id) ?? 0) + l.quantity);
    const expiresAt = at + settings.checkoutTtlMinutes * MINUTE;
    const ids = await writeBatch(trx, merchantId, at, expiresAt, taken, planned, ctx.payments.sandbox.name);
    const rows: CheckoutRow[] = planned.map((p, i) => ({
      id: ids[i],
      merchantId,
      memberId: p.req.memberId,
      status: 'pending',
      source: 'buy_now',
      totalCents: p.quote.totalCents,
      pointsUsed: 0,
      couponRef: null,
      quote: p.quoteJson,
      buyer: JSON.stringify(p.buyer),
      expiresAt,
      paidAt: null,
      createdAt: at,
      updatedAt: at,
    }));
    for (const [i, p] of planned.entries()) {
      const { payUrl } = await ctx.payments.sandbox.create({
        token: p.token,
        amountCents: p.quote.totalCents,
        subject: p.lines[0].product.name,
      });
      out[p.k] = checkoutView(rows[i], { payUrl, orderId: null });
    }
    await storeAnswers(
      ctx.keys,
      trx,
      merchantId,
      201,
      planned.flatMap((p) => (p.req.idem ? [{ key: p.req.idem.key, body: out[p.k] }] : [])),
    );
  });
  return out;
}

/** The lines, quote and buyer fields of a request the batch can make; null when it cannot. */
function planOne(
  ctx: AppContext,
  req: Buying,
  products: Map<number, ProductRow>,
  member: Awaited<ReturnType<typeof findMembersCommerce>>[number] | undefined,
  settings: CommerceSettings,
  stockLeft: Map<number, number>,
) {
  if (!member) return null;
  const lines: { product: ProductRow; quantity: number }[] = [];
  for (const l of req.lines) {
    const product = products.get(l.productId);
    // Card keys (and any goods with a stock of their own) are checked by the full path.
    if (!product || product.onSale !== 1 || ctx.fulfilment.get(product.type)?.available !== undefined)
      return null;
    if (!ctx.fulfilment.has(product.type) || stockLeft.get(product.id)! < l.quantity) return null;
    if (req.lines.length > 1 && !PRODUCT_TYPES[product.type].cartAllowed) return null;
    lines.push({ product, quantity: l.quantity });
  }
  let buyer: Static<typeof Buyer>;
  try {
    buyer = checkBuyer(new Set(lines.map((l) => PRODUCT_TYPES[l.product.type].buyerNeeds)), req.buyer);
  } catch {
    return null;
  }
  const { couponRejected, ...q } = quote({
    lines: lines.map((l) => ({ product: toQuoteProduct(l.product), quantity: l.quantity })),
    member: {
      levelDiscountPercent: member.discountPercent ?? null,
      svipActive: svipActive(member),
      pointsBalance: member.pointsBalance,
    },
    coupon: null,
    pointsRequested: 0,
    settings,
  });
  if (couponRejected || q.totalCents <= 0) return null;
  return { lines, quote: q, buyer };
}

const batchers = merchantBatchers({
  name: 'checkout',
  maxBatch: 100,
  // One batch at the database while the next gathers; more would only split the same requests
  // into smaller batches, each paying the same round trips and waiting on the same product rows.
  inFlight: 1,
  run: checkoutBatch,
});

/**
 * A buy-now checkout made in a batch, or null when the full path must make it (SQLite, a cart,
 * a coupon or points, a key seen before, or anything the batch found it could not make).
 */
export function checkoutInBatch(
  ctx: AppContext,
  who: { merchantId: number; memberId: number },
  actor: Actor,
  input: { lines: Line[]; buyer?: Static<typeof Buyer>; plain: boolean; idem: IdempotencyKey | null },
): Promise<Checkout | null> {
  if (!ctx.database.pool || !input.plain || input.lines.length === 0) return Promise.resolve(null);
  return batchers.submit(ctx, who.merchantId, {
    memberId: who.memberId,
    actor,
    lines: input.lines,
    buyer: input.buyer,
    idem: input.idem,
  });
}

/** Batches run, checkouts they carried and made, and batches undone for an error (zero on SQLite). */
export const checkoutBatchStats = (ctx: AppContext) => batchers.stats(ctx);
