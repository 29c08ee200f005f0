// The statements of a batch of online redemptions (redemption.batch.ts), on PostgreSQL. Goods a
// fulfiller settles without reading or writing anything (physical goods, waiting to be shipped)
// take one statement for everything — codes moved, zero-price checkouts, lines, stock, orders,
// items, fulfilments and every audit row; other goods go through the order placement's
// fulfilment hook between a statement before it and one after.
import type { Static } from '@sinclair/typebox';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { CodeLibraryRow, DB, ProductRow, RedemptionCodeRow } from '../../db/schema.ts';
import { type IdempotencyKey, SEALED, storeAnswers } from '../../http/idempotency.ts';
import { groupBy } from '../../lib/collections.ts';
import type { Keys } from '../../lib/keys.ts';
import { batchAuditInsert } from '../audit/audit.repo.ts';
import type { Actor } from '../audit/audit.service.ts';
import {
  insertCheckoutsCte,
  insertLinesCte,
  newCheckoutIds,
  takeStockCte,
} from '../commerce/checkout.repo.ts';
import type { checkBuyer } from '../commerce/checkout.service.ts';
import type { FulfilmentResult } from '../commerce/fulfilment.ts';
import { newOrderIds, waitingOrdersCtes } from '../commerce/order-placement.batch.ts';
import { drawOrderNos } from '../commerce/order-placement.ts';
import type { RecentMember } from '../tenancy/session.lookup.ts';
import type { Redemption } from './codes.schemas.ts';
import { CODE_TRANSITIONS } from './codes.states.ts';
import type { Caller } from './redemption.service.ts';

/** What one request will write, once the batch found it can be made. */
export interface Planned {
  /** The request's place in its batch. */
  k: number;
  req: {
    caller: Caller;
    actor: Actor;
    idem: IdempotencyKey | null;
    /** The code's lookup hash. */
    hash: string;
    /**
     * The member session the request did not look up (kept from an earlier lookup): the batch
     * proves it before writing (liveSessions). Null when the request looked its session up.
     */
    session: RecentMember | null;
  };
  /**
   * The code as the batch read it; null when the batch foresaw the plan without reading (the
   * statement on its own finds every code by its hash, and checks it, either way).
   */
  code: RedemptionCodeRow | null;
  /** The code's library as the batch saw it. */
  library: CodeLibraryRow;
  product: ProductRow;
  quantity: number;
  buyer: ReturnType<typeof checkBuyer>;
  quoteJson: string;
  /** The fulfilment when the goods wait to be shipped (one statement does all); else null. */
  waiting: FulfilmentResult | null;
}

type Answer = Static<typeof Redemption>;

const REDEEMED = CODE_TRANSITIONS.redeem.to;

/** The id of a code the batch read and locked (the locking path always reads its codes). */
export function readCodeId(p: Planned) {
  if (!p.code) throw new Error('a code the batch did not read');
  return p.code.id;
}

/** The units of each product the planned redemptions take. */
function takenOf(planned: Planned[]) {
  const taken = new Map<number, number>();
  for (const p of planned) taken.set(p.product.id, (taken.get(p.product.id) ?? 0) + p.quantity);
  return taken;
}

/**
 * The CTEs `ids` (new checkout ids by row number k; with `when`, drawn only if it holds), `stock`,
 * `c`, `l` and `a` (checkouts' audit rows).
 */
function checkoutsCtes(merchantId: number, at: number, planned: Planned[], when?: RawBuilder<unknown>) {
  const taken = takenOf(planned);
  return sql`${newCheckoutIds(planned.length, when)},
    ${takeStockCte(taken)},
    ${insertCheckoutsCte({
      merchantId,
      at,
      status: 'paid',
      source: 'redemption',
      expiresAt: at,
      paidAt: at,
      rows: planned.map((p) => ({
        memberId: p.req.caller.memberId,
        totalCents: 0,
        quote: p.quoteJson,
        buyer: JSON.stringify(p.buyer),
      })),
    })},
    ${insertLinesCte(
      merchantId,
      planned.map((p, i) => ({
        k: i + 1,
        productId: p.product.id,
        quantity: p.quantity,
        unitPriceCents: 0,
        payableCents: 0,
      })),
    )},
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
      from unnest(${planned.map(readCodeId)}::bigint[], ${planned.map((p) => p.req.caller.memberId)}::bigint[])
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
 * orders (`rc`) and their `code.redeem` audit rows, for the checkouts in `ids`. With `alone`, the
 * codes are the locked rows of `lc` found by their hashes, the orders take the numbers and the ids
 * (`oids`) drawn ahead, and the statement fails (division by zero) unless every order and every
 * code move was made.
 */
function ordersAndCodesCtes(
  merchantId: number,
  at: number,
  planned: Planned[],
  alone?: { orderNos: string[] },
) {
  const members = planned.map((p) => p.req.caller.memberId);
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
    alone && { orderNos: alone.orderNos, ids: true },
  )},
    rc as (
      update redemption_codes r set state = ${REDEEMED}, member_id = t.member_id, redeemed_via = 'online',
        redeemed_at = ${at}, updated_at = ${at}, order_id = ok.id
      ${
        alone
          ? sql`from unnest(${planned.map((p) => p.req.hash)}::text[], ${members}::bigint[])
                  with ordinality as t(hash, member_id, k)
                join lc on lc.code_hash = t.hash join ok using (k)
                where r.id = lc.id`
          : sql`from unnest(${planned.map(readCodeId)}::bigint[], ${members}::bigint[])
                  with ordinality as t(id, member_id, k)
                join ok using (k)
                where r.id = t.id`
      } and r.state = 'unused'
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
    select ids.id as checkout_id, ok.id as order_id, ok.order_no, rc.id as code_id,
           (select count(*) from rc)::int as moved
    from ids left join ok using (k) left join rc using (k)
    ${alone ? sql`where ${allOf(sql`(select count(*) from ok) = ${planned.length} and (select count(*) from rc) = ${planned.length}`)}` : sql``}
    order by ids.k`;
}

interface Written {
  checkoutId: number;
  orderId: number | null;
  orderNo: string | null;
  codeId: number | null;
  moved: number;
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
  const made = new Map<Planned, Answer>();
  /** The orders of `rows` (one per request of `of`, in order) made; the requests whose number was taken. */
  const take = (rows: Written[], of: Planned[]) => {
    const left: { p: Planned; checkoutId: number }[] = [];
    for (const [j, r] of rows.entries()) {
      const p = of[j]!;
      if (r.orderId === null) left.push({ p, checkoutId: Number(r.checkoutId) });
      else
        made.set(p, {
          codeId: readCodeId(p),
          orderId: Number(r.orderId),
          orderNo: r.orderNo!,
          voucherId: null,
        });
    }
    // Every code was locked and seen unused above: anything else is a bug, and undoes the batch.
    if (rows[0]!.moved !== of.length - left.length) throw new Error('a locked code changed under its batch');
    return left;
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
  const done = planned.map((p) => made.get(p)!);
  await storeAnswers(keys, trx, merchantId, 201, keyedAnswers(planned, done));
  return done;
}

/**
 * The CTE `ik`: the keyed requests' keys, each stored with its answer — the sealed part
 * (`{"$sealed": …}`, http/idempotency.ts) with the code's id (`h`, found by its hash), the order's id
 * and number drawn ahead (`oids`) around it — and the count that shows every key was new (a key
 * already stored is a retry, which the locking path hands on).
 */
function keysCte(keys: Keys, merchantId: number, at: number, planned: Planned[], orderNos: string[]) {
  const keyed = planned.flatMap((p, i) => (p.req.idem ? [{ idem: p.req.idem, p, i }] : []));
  const sealed = keys.encrypt(JSON.stringify({ voucherId: null }));
  return {
    cte: sql`ik as (
      insert into idempotency_keys (merchant_id, key, fingerprint, created_at, status_code, response_body)
      select ${merchantId}::bigint, t.key, t.fingerprint, ${at}::bigint, 201,
             json_build_object(${SEALED}::text, ${sealed}::text, 'codeId', h.id, 'orderId', oids.id,
                               'orderNo', t.order_no)::text
      from unnest(${keyed.map((x) => x.idem.key)}::text[], ${keyed.map((x) => x.idem.fingerprint)}::text[],
                  ${keyed.map((x) => x.p.req.hash)}::text[], ${keyed.map((x) => orderNos[x.i]!)}::text[],
                  ${keyed.map((x) => x.i + 1)}::int[])
        as t(key, fingerprint, hash, order_no, k)
      join oids using (k) left join h on h.code_hash = t.hash
      on conflict (merchant_id, key) do nothing
      returning 1
    )`,
    stored: sql`(select count(*) from ik) = ${keyed.length}`,
  };
}

/** How many of `planned` each member makes: what a daily limit counts (S0.9). */
export function redemptionsPerMember(planned: Planned[]) {
  return new Map([...groupBy(planned, (p) => p.req.caller.memberId)].map(([m, mine]) => [m, mine.length]));
}

/** A merchant's daily limit of redemptions per member (S0.9), for the day `day` in `timeZone`. */
export interface DailyLimit {
  limit: number;
  day: string;
  timeZone: string;
}

/**
 * The CTE `dc`: each member's redemptions of the batch added to their count of the day, after the
 * goods are locked (keys, codes, goods, daily counts: the order the locking path takes them in), a
 * count only while it stays within the limit (as takeDaily in the locking path); and the condition
 * that every member's count was taken, in the time zone the day was reckoned in. Without a limit
 * nothing is counted (the member's row would serialise their redemptions).
 */
function dailyCte(merchantId: number, planned: Planned[], daily: DailyLimit | null) {
  const perMember = daily ? redemptionsPerMember(planned) : new Map<number, number>();
  const limit = daily?.limit ?? 0;
  return {
    cte: sql`dc as (
      insert into code_daily_counts as d (member_id, day, merchant_id, redeemed)
      select t.member_id, ${daily?.day ?? ''}::text, ${merchantId}::bigint, t.n
      from unnest(${[...perMember.keys()]}::bigint[], ${[...perMember.values()]}::int[]) as t(member_id, n)
      where t.n <= ${limit}::int and (select count(*) from lp) >= 0
      on conflict (member_id, day) do update set redeemed = d.redeemed + excluded.redeemed
        where d.redeemed + excluded.redeemed <= ${limit}::int
      returning d.member_id
    )`,
    holds: sql`(select count(*) from dc) = ${perMember.size}
      and (${daily?.timeZone ?? null}::text is null
           or (select time_zone from merchants where id = ${merchantId}) = ${daily?.timeZone ?? null}::text)`,
  };
}

/**
 * A condition that fails the statement when false: division by zero, SQLSTATE 22012, as the claim
 * function does. With no column of a row in it, PostgreSQL checks it once, before the rows it guards.
 */
const allOf = (cond: RawBuilder<unknown>) => sql`1 / (case when ${cond} then 1 else 0 end) = 1`;

/** Each distinct library of `planned`, as the batch saw it. */
const librariesOf = (planned: Planned[]) => [
  ...new Map(planned.map((p) => [p.library.id, p.library])).values(),
];

/** Each distinct product of `planned`, as the batch saw it, with the units the batch takes of it. */
function productsOf(planned: Planned[]) {
  const taken = takenOf(planned);
  const products = new Map(planned.map((p) => [p.product.id, p.product]));
  return [...taken].map(([id, n]) => ({ product: products.get(id)!, n }));
}

/** The sessions the requests did not look up, each once. */
export function unprovenSessions(reqs: Planned['req'][]) {
  const byId = new Map<number, RecentMember>();
  for (const r of reqs) if (r.session) byId.set(r.session.sessionId, r.session);
  return [...byId.values()];
}

/**
 * The ids of those of `sessions` that are live — member sessions, not revoked, not expired — of a
 * member of this merchant, active, with the phone the request took, whose merchant is active: what
 * a lookup checks (auth.ts), and the one part of the member a redemption uses (its audit actor).
 */
export function liveSessions(merchantId: number, at: number, sessions: RecentMember[]) {
  const ids = sessions.map((x) => x.sessionId);
  // Sessions, then their members, each found by its primary key alone (materialized: a generic
  // plan joining them scanned the merchant's members), then matched to what each request took.
  return sql`with s as materialized (
      select id, member_id from sessions
      where id = any(${ids}::bigint[]) and kind = 'member' and revoked_at is null and expires_at > ${at}::bigint
    ),
    mb as materialized (
      select id, merchant_id, status, phone from members where id = any(array(select member_id from s))
    )
    select s.id from s join mb on mb.id = s.member_id
      join unnest(${ids}::bigint[], ${sessions.map((x) => x.memberId)}::bigint[],
                  ${sessions.map((x) => x.phone)}::text[]) as t(id, member_id, phone)
        on t.id = s.id and t.member_id = s.member_id and t.phone = mb.phone
    where mb.merchant_id = ${merchantId} and mb.status = 'active'
      and (select status from merchants where id = ${merchantId}) = 'active'`;
}

/**
 * What the batch's plan took for granted, checked on the rows as the statement sees them (the codes
 * and goods locked, so their latest versions): each code of this merchant, found by its hash, in
 * the library the plan gave it, unused and in no wallet; each library active, in its window and
 * unchanged (reward and last update as seen); each product on sale with the units taken, its name,
 * type and last update as seen; every session the requests did not look up still live
 * (liveSessions); and `written` (every key stored new, the day's counts taken). One condition that
 * fails the statement whole.
 */
function planHolds(
  merchantId: number,
  at: number,
  planned: Planned[],
  products: ReturnType<typeof productsOf>,
  written: RawBuilder<unknown>,
) {
  const libraries = librariesOf(planned);
  const sessions = unprovenSessions(planned.map((p) => p.req));
  return allOf(sql`${written}
    and (select count(*) from (${liveSessions(merchantId, at, sessions)}) v) = ${sessions.length}
    and (select count(*) from lc
         join unnest(${planned.map((p) => p.req.hash)}::text[], ${planned.map((p) => p.library.id)}::bigint[])
           as t(hash, library_id) on lc.code_hash = t.hash and lc.library_id = t.library_id
         where lc.merchant_id = ${merchantId} and lc.state = 'unused' and lc.voucher_id is null) = ${planned.length}
    and (select count(*) from code_libraries l
         join unnest(${libraries.map((l) => l.id)}::bigint[], ${libraries.map((l) => l.reward)}::text[],
                     ${libraries.map((l) => l.updatedAt)}::bigint[]) as t(id, reward, updated_at)
           on l.id = t.id
         where l.merchant_id = ${merchantId} and l.status = 'active' and l.reward = t.reward
           and l.updated_at = t.updated_at and (l.valid_from is null or l.valid_from <= ${at}::bigint)
           and (l.valid_until is null or l.valid_until >= ${at}::bigint)) = ${libraries.length}
    and (select count(*) from lp
         join unnest(${products.map((x) => x.product.id)}::bigint[], ${products.map((x) => x.n)}::int[],
                     ${products.map((x) => x.product.name)}::text[], ${products.map((x) => x.product.type)}::text[],
                     ${products.map((x) => x.product.updatedAt)}::bigint[]) as t(id, n, name, type, updated_at)
           on lp.id = t.id
         where lp.merchant_id = ${merchantId} and lp.on_sale = 1 and lp.stock >= t.n and lp.name = t.name
           and lp.type = t.type and lp.updated_at = t.updated_at) = ${products.length}`);
}

/**
 * The redemptions of goods that wait to be shipped, as one statement on its own (no transaction
 * around it), for a batch that planned them without locks — from what it read, or foresaw from what
 * it read before. The statement finds each code by its hash; before anything is written it locks
 * the codes (in id order), then the goods (in id order, as every batch takes them), and checks that
 * the plan still holds (planHolds). Before the codes it stores each Idempotency-Key with its answer
 * (order ids and numbers are drawn ahead for that), as every path claims keys first. It also needs
 * every order to get its drawn number. Anything else fails the statement whole (division by zero),
 * nothing is written, and the answer is null: the batch is made again by another path. Else the
 * answers, in the order of `planned` — committed when this returns.
 */
export async function writeWaitingRedemptionsAlone(
  keys: Keys,
  db: Kysely<DB>,
  merchantId: number,
  at: number,
  planned: Planned[],
  daily: DailyLimit | null = null,
): Promise<Answer[] | null> {
  const products = productsOf(planned);
  const counted = dailyCte(merchantId, planned, daily);
  const orderNos = drawOrderNos(planned.map(() => at));
  const ik = keysCte(keys, merchantId, at, planned, orderNos);
  try {
    // The codes found by their hash (as the batch's read finds them; the ids never change), then
    // keys, codes and goods locked in that order, the order every path takes them in. The codes are
    // locked by id alone (the unique key: a generic plan cannot wander).
    const q = prepared(
      'codes.redeem.ship_alone',
      sql<Written>`with ${newOrderIds(planned.length)},
        h as materialized (
          select id, code_hash from redemption_codes
          where merchant_id = ${merchantId} and code_hash = any(${planned.map((p) => p.req.hash)}::text[])
        ),
        ${ik.cte},
        lc as materialized (
          select id, code_hash, merchant_id, library_id, state, voucher_id from redemption_codes
          where id = any(array(select id from h)) and (select count(*) from ik) >= 0
          order by id for update
        ),
        lp as materialized (
          select id, merchant_id, on_sale, stock, name, type, updated_at from products
          where id = any(${products.map((x) => x.product.id)}::bigint[]) and (select count(*) from lc) >= 0
          order by id for update
        ),
        ${counted.cte},
        ${checkoutsCtes(merchantId, at, planned, planHolds(merchantId, at, planned, products, sql`${ik.stored} and ${counted.holds}`))},
        ${ordersAndCodesCtes(merchantId, at, planned, { orderNos })}`,
    );
    const { rows } = await q.execute(db);
    return rows.map((r) => ({
      codeId: Number(r.codeId),
      orderId: Number(r.orderId),
      orderNo: r.orderNo!,
      voucherId: null,
    }));
  } catch (e) {
    if ((e as { code?: string }).code === DIVISION_BY_ZERO) return null;
    throw e;
  }
}

const DIVISION_BY_ZERO = '22012';
