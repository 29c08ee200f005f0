import { type Insertable, sql } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type { Executor, VerificationTable } from '../../db/schema.ts';

export const insertVerification = (exec: Executor, v: Insertable<VerificationTable>) =>
  exec.insertInto('verifications').values(v).returningAll().executeTakeFirstOrThrow();

const sqlFalse = () => sql<boolean>`1 = 0`;

const withNames = (exec: Executor) =>
  exec
    .selectFrom('verifications as r')
    .innerJoin('vouchers as v', 'v.id', 'r.voucherId')
    .innerJoin('voucherTemplates as t', 't.id', 'v.templateId')
    .innerJoin('stores as s', 's.id', 'r.storeId')
    .selectAll('r')
    .select(['t.title as voucherTitle', 'v.codeTail', 'v.memberId as holderId', 's.name as storeName']);

export const findByRequestNo = (exec: Executor, merchantId: number, requestNo: string) =>
  withNames(exec)
    .where('r.merchantId', '=', merchantId)
    .where('r.requestNo', '=', requestNo)
    .executeTakeFirst();

export const findVerification = (exec: Executor, merchantId: number, id: number) =>
  withNames(exec).where('r.merchantId', '=', merchantId).where('r.id', '=', id).executeTakeFirst();

export function listVerifications(
  exec: Executor,
  merchantId: number,
  f: { storeIds?: number[]; from?: number; to?: number; voucherId?: number },
  limit: number,
  offset: number,
) {
  let q = withNames(exec).where('r.merchantId', '=', merchantId);
  if (f.storeIds) q = f.storeIds.length ? q.where('r.storeId', 'in', f.storeIds) : q.where(() => sqlFalse());
  if (f.voucherId) q = q.where('r.voucherId', '=', f.voucherId);
  if (f.from !== undefined) q = q.where('r.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('r.at', '<', f.to);
  return pageOf(q.clearSelect(), (q) =>
    q
      .selectAll('r')
      .select(['t.title as voucherTitle', 'v.codeTail', 'v.memberId as holderId', 's.name as storeName'])
      .orderBy('r.id', 'desc')
      .limit(limit)
      .offset(offset),
  );
}

/** Marks a verification undone if it is not yet and still inside the window. */
export const markUndone = (exec: Executor, id: number, since: number, at: number, by: number | null) =>
  exec
    .updateTable('verifications')
    .set({ undoneAt: at, undoneBy: by })
    .where('id', '=', id)
    .where('undoneAt', 'is', null)
    .where('at', '>=', since)
    .returningAll()
    .executeTakeFirst();

/** The merchant's time zone and undo window in one query. */
export const verifySettings = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('merchants as m')
    .leftJoin('voucherSettings as s', 's.merchantId', 'm.id')
    .where('m.id', '=', merchantId)
    .select(['m.timeZone', 's.undoWindowMinutes'])
    .executeTakeFirstOrThrow()
    .then((r) => ({ timeZone: r.timeZone, undoWindowMinutes: r.undoWindowMinutes ?? 60 }));

export const undoWindowMinutes = (exec: Executor, merchantId: number) =>
  exec
    .selectFrom('voucherSettings')
    .where('merchantId', '=', merchantId)
    .select('undoWindowMinutes')
    .executeTakeFirst()
    .then((r) => r?.undoWindowMinutes ?? 60);

export const upsertSettings = (exec: Executor, merchantId: number, undoWindowMinutes: number, at: number) =>
  exec
    .insertInto('voucherSettings')
    .values({ merchantId, undoWindowMinutes, updatedAt: at })
    .onConflict((oc) => oc.column('merchantId').doUpdateSet({ undoWindowMinutes, updatedAt: at }))
    .execute();
