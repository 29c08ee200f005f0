import { type Insertable, sql, type Updateable } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type { CommerceSettingsTable, Executor, MemberTable, PointsLedgerTable } from '../../db/schema.ts';

export const findSettings = (exec: Executor, merchantId: number) =>
  exec.selectFrom('commerceSettings').where('merchantId', '=', merchantId).selectAll().executeTakeFirst();

export const upsertSettings = (exec: Executor, v: Insertable<CommerceSettingsTable>) =>
  exec
    .insertInto('commerceSettings')
    .values(v)
    .onConflict((oc) => oc.column('merchantId').doUpdateSet({ ...v }))
    .returningAll()
    .executeTakeFirstOrThrow();

export const listLevels = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('memberLevels')
    .where('merchantId', '=', merchantId)
    .selectAll()
    .orderBy('discountPercent')
    .execute();

export const findLevel = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('memberLevels')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const insertLevel = (
  exec: Executor,
  v: { merchantId: number; name: string; discountPercent: number; at: number },
) =>
  exec
    .insertInto('memberLevels')
    .values({
      merchantId: v.merchantId,
      name: v.name,
      discountPercent: v.discountPercent,
      createdAt: v.at,
      updatedAt: v.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateLevel = (
  exec: Executor,
  merchantId: number,
  id: number,
  v: { name?: string; discountPercent?: number; at: number },
) =>
  exec
    .updateTable('memberLevels')
    .set({ name: v.name, discountPercent: v.discountPercent, updatedAt: v.at })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** The member with its level's name and discount. */
export const findMembersCommerce = (exec: Executor, merchantId: number, memberIds: number[]) =>
  exec
    .selectFrom('members as m')
    .leftJoin('memberLevels as l', 'l.id', 'm.levelId')
    .where('m.merchantId', '=', merchantId)
    .where('m.id', 'in', memberIds)
    .selectAll('m')
    .select(['l.name as levelName', 'l.discountPercent'])
    .execute();

export const findMemberCommerce = (exec: Executor, merchantId: number, memberId: number) =>
  findMembersCommerce(exec, merchantId, [memberId]).then((rows) => rows[0]);

export const updateMemberCommerce = (
  exec: Executor,
  merchantId: number,
  id: number,
  v: Updateable<MemberTable>,
) => exec.updateTable('members').set(v).where('merchantId', '=', merchantId).where('id', '=', id).execute();

/** Adds `delta` points (negative spends) unless the balance would go below zero; the new balance or null. */
export async function movePoints(exec: Executor, memberId: number, delta: number): Promise<number | null> {
  const r = await exec
    .updateTable('members')
    .set((eb) => ({ pointsBalance: eb('pointsBalance', '+', delta) }))
    .where('id', '=', memberId)
    .where('pointsBalance', '>=', delta < 0 ? -delta : 0)
    .returning('pointsBalance')
    .executeTakeFirst();
  return r ? r.pointsBalance : null;
}

export const insertLedger = (
  exec: Executor,
  v: Insertable<PointsLedgerTable> | Insertable<PointsLedgerTable>[],
) => exec.insertInto('pointsLedger').values(v).execute();

/** Adds points to several members in one update (no lower bound: only for earning); new balances. */
export function addPoints(exec: Executor, deltas: Map<number, number>) {
  const cases = [...deltas].map(([id, d]) => sql`when ${id} then cast(${d} as integer)`);
  return exec
    .updateTable('members')
    .set({ pointsBalance: sql`points_balance + case id ${sql.join(cases, sql` `)} end` })
    .where('id', 'in', [...deltas.keys()])
    .returning(['id', 'pointsBalance'])
    .execute();
}

export const listLedger = (
  exec: Executor,
  merchantId: number,
  memberId: number,
  limit: number,
  offset: number,
) =>
  pageOf(
    exec.selectFrom('pointsLedger').where('merchantId', '=', merchantId).where('memberId', '=', memberId),
    (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset),
  );

export const pointsBalance = (exec: Executor, memberId: number) =>
  exec
    .selectFrom('members')
    .where('id', '=', memberId)
    .select('pointsBalance')
    .executeTakeFirstOrThrow()
    .then((r) => r.pointsBalance);

/** Sets the balance only if it is still `expected`; the new balance or null. */
export const setPointsIf = (exec: Executor, memberId: number, expected: number, next: number) =>
  exec
    .updateTable('members')
    .set({ pointsBalance: next })
    .where('id', '=', memberId)
    .where('pointsBalance', '=', expected)
    .returning('pointsBalance')
    .executeTakeFirst()
    .then((r) => (r ? r.pointsBalance : null));

export const findAgentOfRegion = (exec: Executor, merchantId: number, region: string) =>
  exec
    .selectFrom('members')
    .where('merchantId', '=', merchantId)
    .where('agentRegion', '=', region)
    .select('id')
    .executeTakeFirst();
