import { sql } from 'kysely';
import { containsAny, pageOf } from '../../db/query.ts';
import type { Executor, StoreRow } from '../../db/schema.ts';

export const findStore = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('stores')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const findStoreByVerifyCode = (exec: Executor, code: string) =>
  exec.selectFrom('stores').where('verifyCode', '=', code).selectAll().executeTakeFirst();

/** Stores of a merchant; `onlyIds` narrows to a verifier's scope. */
export async function listStores(
  exec: Executor,
  merchantId: number,
  f: { q?: string; onlyIds?: number[] },
  limit: number,
  offset: number,
) {
  let q = exec.selectFrom('stores').where('merchantId', '=', merchantId);
  if (f.onlyIds) q = f.onlyIds.length ? q.where('id', 'in', f.onlyIds) : q.where(sql<boolean>`1 = 0`);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => containsAny(eb, ['name', 'address'], text));
  }
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'asc').limit(limit).offset(offset));
}

export function insertStore(
  exec: Executor,
  s: Pick<StoreRow, 'merchantId' | 'name' | 'address' | 'phone' | 'verifyCode'> & { at: number },
) {
  return exec
    .insertInto('stores')
    .values({
      merchantId: s.merchantId,
      name: s.name,
      address: s.address,
      phone: s.phone,
      verifyCode: s.verifyCode,
      status: 'open',
      createdAt: s.at,
      updatedAt: s.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateStore(
  exec: Executor,
  merchantId: number,
  id: number,
  patch: Partial<Pick<StoreRow, 'name' | 'address' | 'phone' | 'status'>>,
  at: number,
) {
  return exec
    .updateTable('stores')
    .set({ ...patch, updatedAt: at })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** How many of ids are stores of the merchant (to refuse foreign or unknown store ids). */
export async function countOwnStores(exec: Executor, merchantId: number, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await exec
    .selectFrom('stores')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
