// The statements of a batch of online redemptions (redemption.batch.ts), on PostgreSQL. Goods a
// fulfiller settles without reading or writing anything (physical goods, waiting to be shipped)
// take one statement for everything — codes moved, zero-price checkouts, lines, stock, orders,
// items, fulfilments and every audit row; other goods go through the order placement's
// fulfilment hook between a statement before it and one after.
import type { Static } from '@sinclair/typebox';
import { sql, type Transaction } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { DB, ProductRow, RedemptionCodeRow } from '../../db/schema.ts';
import { type IdempotencyKey, storeAnswers } from '../../http/idempotency.ts';
import type { Keys } from '../../lib/keys.ts';
import { batchAuditInsert } from '../audit/audit.repo.ts';
import type { Actor } from '../audit/audit.service.ts';
import { newCheckoutIds, takeStockCte } from '../commerce/checkout.repo.ts';
import type { checkBuyer } from '../commerce/checkout.service.ts';
import type { FulfilmentResult } from '../commerce/fulfilment.ts';
import { waitingOrdersCtes } from '../commerce/order-placement.batch.ts';
import type { Redemption } from './codes.schemas.ts';
import { CODE_TRANSITIONS } from './codes.states.ts';
import type { Caller } from './redemption.service.ts';

/** What one request will write, once the batch found it can be made. */
export interface Planned {
  /** The request's place in its batch. */
  k: number;
  req: { caller: Caller; actor: Actor; idem: IdempotencyKey | null };
  code: RedemptionCodeRow;
  product: ProductRow;
  quantity: number;
  buyer: ReturnType<typeof checkBuyer>;
  quoteJson: string;
  /** The fulfilment when the goods wait to be shipped (one statement does all); else null. */
  waiting: FulfilmentResult | null;
}

type Answer = Static<typeof Redemption>;

const REDEEMED = CODE_TRANSITIONS.redeem.to;

/** The CTEs `ids` (new checkout ids by row number k), `stock`, `c`, `l` and `a` (checkouts' audit rows). */
function checkoutsCtes(merchantId: number, at: number, planned: Planned[]) {
  const taken = new Map<number, number>();
  for (const p of planned) taken.set(p.product.id, (taken.get(p.product.id) ?? 0) + p.quantity);
  return sql`${newCheckoutIds(planned.length)},
    ${takeStockCte(taken)},
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
    })})`;
}

/** The code moves of goods fulfilled through the hook: the checkouts written, each one's id. */
export async function writeRedemptions(
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  planned: Planned[],
) {
  const { rows } = await prepared(
    'codes.redeem.write',
    sql<{ id: number; moved: number }>`
    with ${checkoutsCtes(merchantId, at, planned)},
    rc as (
      update redemption_codes r set state = ${REDEEMED}, member_id = t.member_id,
        redeemed_via = 'online', redeemed_at = ${at}, updated_at = ${at}
      from unnest(${planned.map((p) => p.code.id)}::bigint[], ${planned.map((p) => p.req.caller.memberId)}::bigint[])
        as t(id, member_id)
      where r.id = t.id and r.state = 'unused'
      returning r.id
    )
    select id, (select count(*) from rc)::int as moved from ids order by k`,
  ).execute(trx);
  // Every code was locked and seen unused above: anything else is a bug, and undoes the batch.
  if (rows[0]?.moved !== planned.length) throw new Error('a locked code changed under its batch');
  return rows.map((r) => Number(r.id));
}

/** Each code's order and its `code.redeem` audit row; for keyed requests, the stored answer. */
export async function finishRedemptions(
  keys: Keys,
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  planned: Planned[],
  answers: Answer[],
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
        after: { state: REDEEMED, via: 'online', orderId: answers[i]!.orderId, voucherId: null },
      })),
      targets: answers.map((a) => a.codeId),
    })})
    select 1`,
  ).execute(trx);
  await storeAnswers(keys, trx, merchantId, 201, keyedAnswers(planned, answers));
}

const keyedAnswers = (planned: Planned[], answers: Answer[]) =>
  planned.flatMap((p, i) => (p.req.idem ? [{ key: p.req.idem.key, body: answers[i]! }] : []));

/**
 * The CTEs of the waiting goods' orders (`ok`, order-placement.batch.ts), the codes moved with their
 * orders (`rc`) and their `code.redeem` audit rows, for the checkouts in `ids`.
 */
function ordersAndCodesCtes(merchantId: number, at: number, planned: Planned[]) {
  return sql`${waitingOrdersCtes(
    merchantId,
    at,
    'redemption',
    planned.map((p) => ({
      memberId: p.req.caller.memberId,
      quote: p.quoteJson,
      buyer: JSON.stringify(p.buyer),
      product: p.product,
      quantity: p.quantity,
      fulfilment: p.waiting!,
    })),
  )},
    rc as (
      update redemption_codes r set state = ${REDEEMED}, member_id = t.member_id, redeemed_via = 'online',
        redeemed_at = ${at}, updated_at = ${at}, order_id = ok.id
      from unnest(${planned.map((p) => p.code.id)}::bigint[], ${planned.map((p) => p.req.caller.memberId)}::bigint[])
        with ordinality as t(id, member_id, k)
      join ok using (k)
      where r.id = t.id and r.state = 'unused'
      returning r.id, r.order_id, t.k
    ),
    ca as (${batchAuditInsert({
      merchantId,
      at,
      action: 'code.redeem',
      targetType: 'redemption_code',
      entries: planned.map((p) => ({ actor: p.req.actor, before: { state: 'unused' } })),
      targets: {
        join: sql`join rc using (k)`,
        id: sql`rc.id`,
        after: sql`json_build_object('state', ${REDEEMED}::text, 'via', 'online', 'orderId', rc.order_id,
                                     'voucherId', null)`,
      },
    })})
    select ids.k, ids.id as checkout_id, ok.id as order_id, ok.order_no, (select count(*) from rc)::int as moved
    from ids left join ok using (k) order by ids.k`;
}

interface Written {
  k: number;
  checkoutId: number;
  orderId: number | null;
  orderNo: string | null;
  moved: number;
}

/** The orders made, and a check that each moved its code. */
function madeOf(rows: Written[]) {
  const made = rows.filter((r) => r.orderId !== null);
  // Every code was locked and seen unused above: anything else is a bug, and undoes the batch.
  if ((rows[0]?.moved ?? 0) !== made.length) throw new Error('a locked code changed under its batch');
  return rows;
}

/**
 * The redemptions of goods that wait to be shipped, in one statement; an order whose drawn number
 * was taken (now and then under load) is placed again, with its code, under a new one. The answers,
 * in the order of `planned`.
 */
export async function writeWaitingRedemptions(
  keys: Keys,
  trx: Transaction<DB>,
  merchantId: number,
  at: number,
  planned: Planned[],
): Promise<Answer[]> {
  const answers: (Answer | undefined)[] = planned.map(() => undefined);
  const take = (rows: Written[], of: Planned[]) => {
    for (const r of madeOf(rows)) {
      if (r.orderId === null) continue;
      const i = planned.indexOf(of[Number(r.k) - 1]!);
      answers[i] = {
        codeId: planned[i]!.code.id,
        orderId: Number(r.orderId),
        orderNo: r.orderNo!,
        voucherId: null,
      };
    }
    return of.flatMap((p, j) =>
      rows[j]!.orderId === null ? [{ p, checkoutId: Number(rows[j]!.checkoutId) }] : [],
    );
  };
  const { rows } = await prepared(
    'codes.redeem.ship',
    sql<Written>`with ${checkoutsCtes(merchantId, at, planned)}, ${ordersAndCodesCtes(merchantId, at, planned)}`,
  ).execute(trx);
  let left = take(rows, planned);
  for (let attempt = 0; attempt < 10 && left.length > 0; attempt++) {
    const again = left.map((l) => l.p);
    const { rows } = await prepared(
      'codes.redeem.renumber',
      sql<Written>`with ids as (
          select id, k from unnest(${left.map((l) => l.checkoutId)}::bigint[]) with ordinality as t(id, k)
        ), ${ordersAndCodesCtes(merchantId, at, again)}`,
    ).execute(trx);
    left = take(rows, again);
  }
  if (left.length > 0) throw new Error('no free order number');
  const done = answers as Answer[];
  await storeAnswers(keys, trx, merchantId, 201, keyedAnswers(planned, done));
  return done;
}
