import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import { containsAny, pageOf } from '../../db/query.ts';
import type { DB, Executor, ProductTable, ProductType } from '../../db/schema.ts';

export const listCategories = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('productCategories')
    .where('merchantId', '=', merchantId)
    .selectAll()
    .orderBy('sort')
    .orderBy('id')
    .execute();

export const findCategory = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('productCategories')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const insertCategory = (
  exec: Executor,
  v: { merchantId: number; name: string; sort: number; at: number },
) =>
  exec
    .insertInto('productCategories')
    .values({ merchantId: v.merchantId, name: v.name, sort: v.sort, createdAt: v.at, updatedAt: v.at })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateCategory = (
  exec: Executor,
  merchantId: number,
  id: number,
  v: { name?: string; sort?: number; at: number },
) =>
  exec
    .updateTable('productCategories')
    .set({ name: v.name, sort: v.sort, updatedAt: v.at })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** Units paid for, counted from order items (no counter row to contend on at payment time). */
const soldOf = (eb: ExpressionBuilder<DB, 'products'>) =>
  eb
    .selectFrom('orderItems')
    .whereRef('orderItems.productId', '=', 'products.id')
    .select(sql<number>`coalesce(sum(order_items.quantity), 0)`.as('n'))
    .as('sold');

export const findProduct = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('products')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .select(soldOf)
    .executeTakeFirst();

export const findProducts = (exec: Executor, merchantId: number, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('products')
        .where('merchantId', '=', merchantId)
        .where('id', 'in', ids)
        .selectAll()
        .execute();

export async function listProducts(
  exec: Executor,
  merchantId: number,
  f: { q?: string; type?: ProductType; categoryId?: number; onSale?: boolean },
  limit: number,
  offset: number,
) {
  let q = exec.selectFrom('products').where('merchantId', '=', merchantId);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.categoryId) q = q.where('categoryId', '=', f.categoryId);
  if (f.onSale !== undefined) q = q.where('onSale', '=', f.onSale ? 1 : 0);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => containsAny(eb, ['name'], text));
  }
  return pageOf(q, (q) => q.selectAll().select(soldOf).orderBy('id', 'desc').limit(limit).offset(offset));
}

/** Products delivered from one source (a card-key pool, a code library, a template). */
export const productsByRef = (exec: Executor, merchantId: number, type: ProductType, ref: string) =>
  exec
    .selectFrom('products')
    .where('merchantId', '=', merchantId)
    .where('type', '=', type)
    .where('fulfilRef', '=', ref)
    .selectAll()
    .select(soldOf)
    .orderBy('id')
    .execute();

export const insertProduct = (exec: Executor, v: Insertable<ProductTable>) =>
  exec.insertInto('products').values(v).returningAll().executeTakeFirstOrThrow();

export const updateProduct = (exec: Executor, merchantId: number, id: number, v: Updateable<ProductTable>) =>
  exec
    .updateTable('products')
    .set(v)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** Takes `n` units if the product is on sale and has them; false otherwise. One statement. */
export async function reserveStock(exec: Executor, merchantId: number, productId: number, n: number) {
  const r = await exec
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '-', n) }))
    .where('merchantId', '=', merchantId)
    .where('id', '=', productId)
    .where('onSale', '=', 1)
    .where('stock', '>=', n)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The products, locked until the transaction ends (in id order, the order every batch takes). */
export const lockProducts = (exec: Executor, merchantId: number, ids: number[]) =>
  exec
    .selectFrom('products')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids)
    .selectAll()
    .orderBy('id')
    .forUpdate()
    .execute();

export const releaseStock = (exec: Executor, productId: number, n: number) =>
  exec
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '+', n) }))
    .where('id', '=', productId)
    .execute();
