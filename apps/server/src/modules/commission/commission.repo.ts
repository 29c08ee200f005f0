import { type Insertable, sql } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type { CommissionEntryTable, CommissionKind, Executor } from '../../db/schema.ts';

/** The members and everyone up their referrer chains, `depth` levels at most, in one query. */
export const chainsOf = (exec: Executor, merchantId: number, memberIds: number[], depth: number) =>
  exec
    .withRecursive('chain(id, referrerId, teamCaptain, depth)', (db) =>
      db
        .selectFrom('members')
        .where('merchantId', '=', merchantId)
        .where('id', 'in', memberIds)
        .select(['id', 'referrerId', 'teamCaptain', sql<number>`0`.as('depth')])
        .unionAll(
          db
            .selectFrom('members as m')
            .innerJoin('chain as c', 'm.id', 'c.referrerId')
            .where('m.merchantId', '=', merchantId)
            .where('c.depth', '<', depth)
            .select(['m.id', 'm.referrerId', 'm.teamCaptain', sql<number>`c.depth + 1`.as('depth')]),
        ),
    )
    .selectFrom('chain')
    .select(['id', 'referrerId', 'teamCaptain'])
    .execute();

/** The active agents of the regions, lowest id first (the first one per region is its agent). */
export const agentsOfRegions = (exec: Executor, merchantId: number, regions: string[]) =>
  regions.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('members')
        .where('merchantId', '=', merchantId)
        .where('agentRegion', 'in', regions)
        .where('status', '=', 'active')
        .select(['id', 'agentRegion'])
        .orderBy('id')
        .execute();

/** Inserts the entries; an entry already written for the same item and kind is left alone. */
export const insertEntries = (exec: Executor, rows: Insertable<CommissionEntryTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : exec
        .insertInto('commissionEntries')
        .values(rows)
        .onConflict((oc) => oc.columns(['orderItemId', 'kind']).doNothing())
        .execute()
        .then(() => undefined);

export const scheduleSettlement = (exec: Executor, orderIds: number[], settleAfter: number) =>
  exec
    .updateTable('commissionEntries')
    .set({ settleAfter })
    .where('orderId', 'in', orderIds)
    .where('status', '=', 'pending')
    .where('settleAfter', 'is', null)
    .execute();

export const settleDue = (exec: Executor, at: number) =>
  exec
    .updateTable('commissionEntries')
    .set({ status: 'settled', settledAt: at })
    .where('status', '=', 'pending')
    .where('settleAfter', '<=', at)
    .executeTakeFirst()
    .then((r) => Number(r.numUpdatedRows));

export const reverseOrder = (exec: Executor, orderId: number, at: number) =>
  exec
    .updateTable('commissionEntries')
    .set({ status: 'reversed', reversedAt: at })
    .where('orderId', '=', orderId)
    .where('status', 'in', ['pending', 'settled'])
    .executeTakeFirst()
    .then((r) => Number(r.numUpdatedRows));

export interface EntryFilter {
  beneficiaryId?: number;
  orderId?: number;
  kind?: CommissionKind;
  status?: 'pending' | 'settled' | 'reversed';
}

export function listEntries(
  exec: Executor,
  merchantId: number,
  f: EntryFilter,
  limit: number,
  offset: number,
) {
  let q = exec
    .selectFrom('commissionEntries as c')
    .innerJoin('orders as o', 'o.id', 'c.orderId')
    .innerJoin('orderItems as i', 'i.id', 'c.orderItemId')
    .leftJoin('members as m', 'm.id', 'c.beneficiaryId')
    .where('c.merchantId', '=', merchantId);
  if (f.beneficiaryId) q = q.where('c.beneficiaryId', '=', f.beneficiaryId);
  if (f.orderId) q = q.where('c.orderId', '=', f.orderId);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.status) q = q.where('c.status', '=', f.status);
  return pageOf(q, (q) =>
    q
      .selectAll('c')
      .select(['o.orderNo', 'i.productName', 'm.phone as beneficiaryPhone'])
      .orderBy('c.id', 'desc')
      .limit(limit)
      .offset(offset),
  );
}

export function summary(exec: Executor, merchantId: number, limit: number, offset: number) {
  const q = exec
    .selectFrom('commissionEntries as c')
    .leftJoin('members as m', 'm.id', 'c.beneficiaryId')
    .where('c.merchantId', '=', merchantId);
  const sum = (status: string) =>
    sql<number>`coalesce(sum(case when c.status = ${status} then c.amount_cents else 0 end), 0)`;
  return Promise.all([
    q
      .select([
        'c.beneficiaryId',
        'm.phone as beneficiaryPhone',
        sum('pending').as('pendingCents'),
        sum('settled').as('settledCents'),
        sum('reversed').as('reversedCents'),
        sql<number>`count(*)`.as('entries'),
      ])
      .groupBy(['c.beneficiaryId', 'm.phone'])
      .orderBy('c.beneficiaryId')
      .limit(limit)
      .offset(offset)
      .execute(),
    exec
      .selectFrom('commissionEntries')
      .where('merchantId', '=', merchantId)
      .select(sql<number>`count(distinct coalesce(beneficiary_id, 0))`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
}
