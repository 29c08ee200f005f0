import { sql } from 'kysely';
import { containsAny, pageOf } from '../../db/query.ts';
import type { Executor, StaffUserRow } from '../../db/schema.ts';

export const findStaffByLogin = (exec: Executor, login: string) =>
  exec
    .selectFrom('staffUsers as u')
    .leftJoin('merchants as m', 'm.id', 'u.merchantId')
    .where('u.login', '=', login)
    .selectAll('u')
    .select('m.status as merchantStatus')
    .executeTakeFirst();

export const findStaff = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('staffUsers')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export async function scopedStoreIds(exec: Executor, staffId: number): Promise<number[]> {
  const rows = await exec
    .selectFrom('staffStoreScopes')
    .where('staffId', '=', staffId)
    .select('storeId')
    .execute();
  return rows.map((r) => r.storeId);
}

export async function scopesOf(exec: Executor, staffIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (staffIds.length === 0) return map;
  const rows = await exec
    .selectFrom('staffStoreScopes')
    .where('staffId', 'in', staffIds)
    .select(['staffId', 'storeId'])
    .orderBy('storeId')
    .execute();
  for (const r of rows) map.set(r.staffId, [...(map.get(r.staffId) ?? []), r.storeId]);
  return map;
}

export async function listStaff(
  exec: Executor,
  merchantId: number,
  f: { q?: string },
  limit: number,
  offset: number,
) {
  let q = exec.selectFrom('staffUsers').where('merchantId', '=', merchantId);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => containsAny(eb, ['login', 'name'], text));
  }
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'asc').limit(limit).offset(offset));
}

export function insertStaff(
  exec: Executor,
  s: Pick<StaffUserRow, 'merchantId' | 'login' | 'name' | 'role' | 'passwordHash' | 'allStores'> & {
    at: number;
  },
) {
  return exec
    .insertInto('staffUsers')
    .values({
      merchantId: s.merchantId,
      login: s.login,
      name: s.name,
      role: s.role,
      passwordHash: s.passwordHash,
      allStores: s.allStores,
      status: 'active',
      createdAt: s.at,
      updatedAt: s.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateStaff(
  exec: Executor,
  id: number,
  patch: Partial<Pick<StaffUserRow, 'name' | 'role' | 'allStores' | 'passwordHash' | 'status'>>,
  at: number,
  expectStatus?: StaffUserRow['status'],
) {
  let q = exec
    .updateTable('staffUsers')
    .set({ ...patch, updatedAt: at })
    .where('id', '=', id);
  if (expectStatus) q = q.where('status', '=', expectStatus);
  return q.returningAll().executeTakeFirst();
}

export async function replaceScopes(exec: Executor, merchantId: number, staffId: number, storeIds: number[]) {
  await exec.deleteFrom('staffStoreScopes').where('staffId', '=', staffId).execute();
  if (storeIds.length) {
    await exec
      .insertInto('staffStoreScopes')
      .values(storeIds.map((storeId) => ({ staffId, storeId, merchantId })))
      .execute();
  }
}

export async function countActiveOwners(exec: Executor, merchantId: number): Promise<number> {
  const r = await exec
    .selectFrom('staffUsers')
    .where('merchantId', '=', merchantId)
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
