import { type Insertable, type RawBuilder, sql } from 'kysely';
import type {
  CheckoutLineTable,
  CheckoutStatus,
  CheckoutTable,
  Executor,
  PaymentTable,
  ProductRow,
} from '../../db/schema.ts';

export const insertCheckout = (exec: Executor, v: Insertable<CheckoutTable>) =>
  exec.insertInto('checkouts').values(v).returningAll().executeTakeFirstOrThrow();

export const insertLines = (exec: Executor, lines: Insertable<CheckoutLineTable>[]) =>
  exec.insertInto('checkoutLines').values(lines).execute();

export const findCheckout = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('checkouts')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const findLines = (exec: Executor, checkoutId: number) =>
  exec.selectFrom('checkoutLines').where('checkoutId', '=', checkoutId).selectAll().orderBy('id').execute();

/** The lines of the checkouts with their products, in one query. */
export async function linesWithProducts(exec: Executor, merchantId: number, checkoutIds: number[]) {
  const rows = await exec
    .selectFrom('checkoutLines as l')
    .innerJoin('products as p', 'p.id', 'l.productId')
    .where('l.checkoutId', 'in', checkoutIds)
    .where('p.merchantId', '=', merchantId)
    .selectAll('p')
    .select([
      'l.id as lineId',
      'l.checkoutId',
      'l.quantity as lineQuantity',
      'l.unitPriceCents',
      'l.payableCents',
    ])
    .orderBy('l.id')
    .execute();
  const products = new Map<number, ProductRow>();
  const lines = rows.map(({ lineId, checkoutId, lineQuantity, unitPriceCents, payableCents, ...product }) => {
    products.set(product.id, product);
    return { checkoutId, productId: product.id, quantity: lineQuantity, unitPriceCents, payableCents };
  });
  return { lines, products };
}

/** Moves a checkout from one of `from` to `to`; the row when it moved, nothing when it did not. */
export const moveCheckout = (
  exec: Executor,
  id: number,
  from: CheckoutStatus[],
  to: CheckoutStatus,
  at: number,
  extra: { paidAt?: number; expiresBefore?: number } = {},
) => {
  let q = exec
    .updateTable('checkouts')
    .set({ status: to, updatedAt: at, ...(extra.paidAt ? { paidAt: extra.paidAt } : {}) })
    .where('id', '=', id)
    .where('status', 'in', from);
  if (extra.expiresBefore !== undefined) q = q.where('expiresAt', '<=', extra.expiresBefore);
  return q.returningAll().executeTakeFirst();
};

/** A member's checkouts still awaiting payment (not yet past their window), newest first. */
export const pendingCheckouts = (exec: Executor, merchantId: number, memberId: number, at: number) =>
  exec
    .selectFrom('checkouts')
    .where('merchantId', '=', merchantId)
    .where('memberId', '=', memberId)
    .where('status', '=', 'pending')
    .where('expiresAt', '>', at)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(50)
    .execute();

export const dueCheckouts = (exec: Executor, at: number, limit: number) =>
  exec
    .selectFrom('checkouts')
    .where('status', '=', 'pending')
    .where('expiresAt', '<=', at)
    .select(['id', 'merchantId'])
    .orderBy('expiresAt')
    .limit(limit)
    .execute();

export const insertPayment = (exec: Executor, v: Insertable<PaymentTable>) =>
  exec.insertInto('payments').values(v).returningAll().executeTakeFirstOrThrow();

export const findPaymentByToken = (exec: Executor, token: string) =>
  exec.selectFrom('payments').where('token', '=', token).selectAll().executeTakeFirst();

export const findPaymentOfCheckout = (exec: Executor, checkoutId: number) =>
  exec
    .selectFrom('payments')
    .where('checkoutId', '=', checkoutId)
    .selectAll()
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const movePayment = (
  exec: Executor,
  id: number,
  from: PaymentTable['status'][],
  set: Partial<Pick<PaymentTable, 'status' | 'tradeNo' | 'paidAt' | 'refundedAt'>> & { updatedAt: number },
) =>
  exec
    .updateTable('payments')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();

export const cartItems = (exec: Executor, merchantId: number, memberId: number) =>
  exec
    .selectFrom('cartItems')
    .where('merchantId', '=', merchantId)
    .where('memberId', '=', memberId)
    .selectAll()
    .orderBy('id')
    .execute();

export async function addToCart(
  exec: Executor,
  v: { merchantId: number; memberId: number; productId: number; quantity: number; at: number },
) {
  await exec
    .insertInto('cartItems')
    .values({
      merchantId: v.merchantId,
      memberId: v.memberId,
      productId: v.productId,
      quantity: v.quantity,
      createdAt: v.at,
      updatedAt: v.at,
    })
    .onConflict((oc) =>
      oc.columns(['memberId', 'productId']).doUpdateSet((eb) => ({
        quantity: eb('cartItems.quantity', '+', eb.ref('excluded.quantity')),
        updatedAt: v.at,
      })),
    )
    .execute();
}

export const setCartQuantity = (
  exec: Executor,
  memberId: number,
  productId: number,
  quantity: number,
  at: number,
) =>
  exec
    .updateTable('cartItems')
    .set({ quantity, updatedAt: at })
    .where('memberId', '=', memberId)
    .where('productId', '=', productId)
    .execute();

export const removeFromCart = (exec: Executor, memberId: number, productIds: number[]) =>
  exec
    .deleteFrom('cartItems')
    .where('memberId', '=', memberId)
    .where('productId', 'in', productIds)
    .execute();

// Pieces of the batch statements that write checkouts (checkout.batch.ts, codes/redemption.batch.ts).

/**
 * The CTE `ids`: n new checkout ids drawn from the sequence, numbered k = 1…n in request order; with
 * `when`, a condition checked once before any id is drawn (every write of the statement joins `ids`).
 */
export const newCheckoutIds = (n: number, when?: RawBuilder<unknown>) =>
  sql`ids as materialized (
      select k, nextval(pg_get_serial_sequence('checkouts', 'id')) as id from generate_series(1, ${n}::int) k
      ${when ? sql`where ${when}` : sql``}
    )`;

/** The CTE `stock`: the units taken from each product (locked by the batch beforehand). */
export const takeStockCte = (taken: Map<number, number>) =>
  sql`stock as (
      update products p set stock = p.stock - t.n
      from unnest(${[...taken.keys()]}::bigint[], ${[...taken.values()]}::int[]) as t(id, n) where p.id = t.id
    )`;

/** The CTE `c`: the checkouts of `ids`, entry k−1 of `rows` for checkout k (no coupon, no points). */
export const insertCheckoutsCte = (o: {
  merchantId: number;
  at: number;
  status: CheckoutStatus;
  source: CheckoutTable['source'];
  expiresAt: number;
  paidAt: number | null;
  rows: { memberId: number; totalCents: number; quote: string; buyer: string }[];
}) =>
  sql`c as (
      insert into checkouts (id, merchant_id, member_id, status, source, total_cents, points_used, coupon_ref,
                             quote, buyer, expires_at, paid_at, created_at, updated_at)
      select ids.id, ${o.merchantId}::bigint, t.member_id, ${o.status}::text, ${o.source}::text, t.total, 0, null,
             t.quote, t.buyer, ${o.expiresAt}::bigint, ${o.paidAt}::bigint, ${o.at}::bigint, ${o.at}::bigint
      from unnest(${o.rows.map((r) => r.memberId)}::bigint[], ${o.rows.map((r) => r.totalCents)}::int[],
                  ${o.rows.map((r) => r.quote)}::text[], ${o.rows.map((r) => r.buyer)}::text[])
        with ordinality as t(member_id, total, quote, buyer, k)
      join ids using (k)
    )`;

/** The CTE `l`: checkout lines, each of checkout k of `ids`, inserted in the order given. */
export const insertLinesCte = (
  merchantId: number,
  lines: { k: number; productId: number; quantity: number; unitPriceCents: number; payableCents: number }[],
) =>
  sql`l as (
      insert into checkout_lines (checkout_id, merchant_id, product_id, quantity, unit_price_cents, payable_cents)
      select ids.id, ${merchantId}::bigint, t.product_id, t.quantity, t.unit, t.payable
      from unnest(${lines.map((x) => x.k)}::int[], ${lines.map((x) => x.productId)}::bigint[],
                  ${lines.map((x) => x.quantity)}::int[], ${lines.map((x) => x.unitPriceCents)}::int[],
                  ${lines.map((x) => x.payableCents)}::int[])
        with ordinality as t(k, product_id, quantity, unit, payable, n)
      join ids using (k)
      order by t.n
    )`;
