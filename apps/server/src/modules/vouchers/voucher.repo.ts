import type { Insertable } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type { Executor, VoucherState, VoucherTable } from '../../db/schema.ts';

export const findTemplate = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('voucherTemplates')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const templateStoreIds = (exec: Executor, templateId: number) =>
  exec
    .selectFrom('voucherTemplateStores')
    .where('templateId', '=', templateId)
    .select('storeId')
    .execute()
    .then((rows) => rows.map((r) => r.storeId));

/**
 * Counts one more voucher of the template for the member unless the limit is reached (0 = no limit):
 * an upsert, then one conditional increment — never read-then-write.
 */
export async function takeHolding(
  exec: Executor,
  v: { merchantId: number; memberId: number; templateId: number; limit: number; n: number },
): Promise<boolean> {
  await exec
    .insertInto('voucherHoldings')
    .values({ merchantId: v.merchantId, memberId: v.memberId, templateId: v.templateId, received: 0 })
    .onConflict((oc) => oc.columns(['memberId', 'templateId']).doNothing())
    .execute();
  let q = exec
    .updateTable('voucherHoldings')
    .set((eb) => ({ received: eb('received', '+', v.n) }))
    .where('memberId', '=', v.memberId)
    .where('templateId', '=', v.templateId);
  if (v.limit > 0) q = q.where('received', '<=', v.limit - v.n);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertVouchers = (exec: Executor, rows: Insertable<VoucherTable>[]) =>
  exec.insertInto('vouchers').values(rows).returningAll().execute();

const withTemplate = (exec: Executor) =>
  exec
    .selectFrom('vouchers as v')
    .innerJoin('voucherTemplates as t', 't.id', 'v.templateId')
    .selectAll('v')
    .select([
      't.kind',
      't.title',
      't.useWeek',
      't.isSelf',
      't.isGiving',
      't.allStores',
      't.logoUrl',
      't.imageUrl',
    ]);

export const findVoucher = (exec: Executor, merchantId: number, id: number) =>
  withTemplate(exec).where('v.merchantId', '=', merchantId).where('v.id', '=', id).executeTakeFirst();

export const findVoucherByCodeHash = (exec: Executor, merchantId: number, codeHash: string) =>
  withTemplate(exec)
    .where('v.merchantId', '=', merchantId)
    .where('v.codeHash', '=', codeHash)
    .executeTakeFirst();

export type ListFilter = {
  memberId?: number;
  templateId?: number;
  /** What the member sees: expired includes unused vouchers past their end. */
  shown?: VoucherState;
  /** Usable now: unused, inside its validity, today (1 = Monday … 7) allowed, and at the store if given. */
  usable?: { weekday: number; storeId?: number };
  at: number;
};

export function listVouchers(
  exec: Executor,
  merchantId: number,
  f: ListFilter,
  limit: number,
  offset: number,
) {
  let q = exec
    .selectFrom('vouchers as v')
    .innerJoin('voucherTemplates as t', 't.id', 'v.templateId')
    .where('v.merchantId', '=', merchantId);
  if (f.memberId) q = q.where('v.memberId', '=', f.memberId);
  if (f.templateId) q = q.where('v.templateId', '=', f.templateId);
  if (f.shown === 'unused') q = q.where('v.state', '=', 'unused').where('v.validUntil', '>=', f.at);
  else if (f.shown === 'expired')
    q = q.where((eb) =>
      eb.or([
        eb('v.state', '=', 'expired'),
        eb.and([eb('v.state', '=', 'unused'), eb('v.validUntil', '<', f.at)]),
      ]),
    );
  else if (f.shown) q = q.where('v.state', '=', f.shown);
  if (f.usable) {
    const { weekday, storeId } = f.usable;
    q = q
      .where('v.state', '=', 'unused')
      .where('v.validFrom', '<=', f.at)
      .where('v.validUntil', '>=', f.at)
      .where((eb) => eb(eb.fn('substr', ['t.useWeek', eb.val(weekday), eb.val(1)]), '=', '1'));
    if (storeId !== undefined)
      q = q.where((eb) =>
        eb.or([
          eb('t.allStores', '=', 1),
          eb.exists(
            eb
              .selectFrom('voucherTemplateStores as ts')
              .whereRef('ts.templateId', '=', 't.id')
              .where('ts.storeId', '=', storeId)
              .select('ts.storeId'),
          ),
        ]),
      );
  }
  return pageOf(q, (q) =>
    q
      .selectAll('v')
      .select([
        't.kind',
        't.title',
        't.useWeek',
        't.isSelf',
        't.isGiving',
        't.allStores',
        't.logoUrl',
        't.imageUrl',
      ])
      .orderBy('v.id', 'desc')
      .limit(limit)
      .offset(offset),
  );
}

/** Moves a voucher between states with one conditional UPDATE; the row when it moved. */
export const moveVoucher = (
  exec: Executor,
  id: number,
  from: VoucherState[],
  set: Partial<Pick<VoucherTable, 'state' | 'usedAt' | 'usedStoreId' | 'memberId'>> & { updatedAt: number },
  window?: { at: number },
) => {
  let q = exec.updateTable('vouchers').set(set).where('id', '=', id).where('state', 'in', from);
  if (window) q = q.where('validFrom', '<=', window.at).where('validUntil', '>=', window.at);
  return q.returningAll().executeTakeFirst();
};

/** Like moveVoucher, scoped to the merchant (for callers outside the voucher module's own flows). */
export const moveVoucherOf = (
  exec: Executor,
  merchantId: number,
  id: number,
  from: VoucherState[],
  set: Partial<Pick<VoucherTable, 'state' | 'usedAt' | 'usedStoreId'>> & { updatedAt: number },
) =>
  exec
    .updateTable('vouchers')
    .set(set)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();
