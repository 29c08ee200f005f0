// All SQL of campaigns. Every state change is one conditional statement (ENGINEERING rule 1):
// the member counter, the campaign's claim count and each item's stock move only when the
// WHERE still holds, so limits stay exact with any number of app processes.
import type { Insertable, Updateable } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type {
  CampaignClaimTable,
  CampaignItemTable,
  CampaignKind,
  CampaignTable,
  Executor,
} from '../../db/schema.ts';

export const findCampaign = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('campaigns')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const findCampaignByToken = (exec: Executor, token: string) =>
  exec.selectFrom('campaigns').where('token', '=', token).selectAll().executeTakeFirst();

export function listCampaigns(
  exec: Executor,
  merchantId: number,
  f: { kind?: CampaignKind; q?: string },
  limit: number,
  offset: number,
) {
  let q = exec.selectFrom('campaigns').where('merchantId', '=', merchantId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) q = q.where('name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset));
}

/** Live store campaigns with their stores (of one store when given), by status and the clock. */
export const storeCampaigns = (exec: Executor, merchantId: number, storeId: number | null, at: number) =>
  exec
    .selectFrom('campaigns as c')
    .innerJoin('campaignStores as s', 's.campaignId', 'c.id')
    .innerJoin('stores as st', 'st.id', 's.storeId')
    .where('c.merchantId', '=', merchantId)
    .$if(storeId !== null, (q) => q.where('s.storeId', '=', storeId as number))
    .where('st.status', '=', 'open')
    .where('c.kind', '=', 'store')
    .where('c.status', '=', 'active')
    .where((eb) => eb.or([eb('c.endsAt', 'is', null), eb('c.endsAt', '>=', at)]))
    .selectAll('c')
    .select(['s.storeId', 'st.name as storeName'])
    .orderBy('st.id')
    .orderBy('c.id', 'desc')
    .execute();

export const insertCampaign = (exec: Executor, row: Insertable<CampaignTable>) =>
  exec.insertInto('campaigns').values(row).returningAll().executeTakeFirstOrThrow();

/** Items with their templates' titles, in display order. */
export const itemsOf = (exec: Executor, campaignIds: number[]) =>
  campaignIds.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('campaignItems as i')
        .innerJoin('voucherTemplates as t', 't.id', 'i.templateId')
        .where('i.campaignId', 'in', campaignIds)
        .selectAll('i')
        .select(['t.title', 't.kind'])
        .orderBy('i.position')
        .orderBy('i.id')
        .execute();

/** Items with their whole templates, for the one-statement claim. */
/** A campaign's items with their templates, in order, as a claim uses them. */
export async function claimItems(exec: Executor, campaignId: number) {
  const rows = await exec
    .selectFrom('campaignItems as i')
    .innerJoin('voucherTemplates as t', 't.id', 'i.templateId')
    .where('i.campaignId', '=', campaignId)
    .selectAll('t')
    .select([
      'i.id as itemId',
      'i.quantity as itemQuantity',
      'i.stock as itemStock',
      'i.claimed as itemClaimed',
    ])
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  return rows.map(({ itemId, itemQuantity, itemStock, itemClaimed, ...template }) => ({
    id: itemId,
    quantity: itemQuantity,
    stock: itemStock,
    claimed: itemClaimed,
    template,
  }));
}

export const storeIdsOf = (exec: Executor, campaignIds: number[]) =>
  campaignIds.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('campaignStores')
        .where('campaignId', 'in', campaignIds)
        .select(['campaignId', 'storeId'])
        .execute();

export async function replaceStores(
  exec: Executor,
  merchantId: number,
  campaignId: number,
  storeIds: number[],
) {
  await exec.deleteFrom('campaignStores').where('campaignId', '=', campaignId).execute();
  if (storeIds.length)
    await exec
      .insertInto('campaignStores')
      .values(storeIds.map((storeId) => ({ campaignId, storeId, merchantId })))
      .execute();
}

export const insertItems = (exec: Executor, rows: Insertable<CampaignItemTable>[]) =>
  rows.length ? exec.insertInto('campaignItems').values(rows).execute() : Promise.resolve([]);

/** Changes an item's quantity, stock and place; refused (no row) when stock would fall below claimed. */
export const updateItem = (
  exec: Executor,
  campaignId: number,
  id: number,
  set: { quantity: number; stock: number | null; position: number },
) => {
  let q = exec
    .updateTable('campaignItems')
    .set(set)
    .where('campaignId', '=', campaignId)
    .where('id', '=', id);
  if (set.stock !== null) q = q.where('claimed', '<=', set.stock);
  return q.returningAll().executeTakeFirst();
};

export const deleteItems = (exec: Executor, campaignId: number, ids: number[]) =>
  ids.length
    ? exec.deleteFrom('campaignItems').where('campaignId', '=', campaignId).where('id', 'in', ids).execute()
    : Promise.resolve([]);

/** Locks the campaign row for an edit (every writer of a campaign takes this lock first). */
export const touchCampaign = (
  exec: Executor,
  merchantId: number,
  id: number,
  set: Updateable<CampaignTable>,
) =>
  exec
    .updateTable('campaigns')
    .set(set)
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** Pause or start: moves only from the other status. */
export const setStatus = (
  exec: Executor,
  id: number,
  from: 'active' | 'paused',
  to: { status: 'active' | 'paused'; pauseReason: 'manual' | 'sold_out' | null; updatedAt: number },
) =>
  exec
    .updateTable('campaigns')
    .set(to)
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();

/**
 * One more claim for the member unless the rule forbids it: `limit` claims in all (0: any number)
 * and `cooldownMs` since the last one. An upsert, then one conditional update.
 */
export async function takeMemberClaim(
  exec: Executor,
  v: {
    merchantId: number;
    campaignId: number;
    memberId: number;
    limit: number;
    cooldownMs: number;
    at: number;
  },
): Promise<boolean> {
  await exec
    .insertInto('campaignMemberClaims')
    .values({ campaignId: v.campaignId, memberId: v.memberId, merchantId: v.merchantId })
    .onConflict((oc) => oc.columns(['campaignId', 'memberId']).doNothing())
    .execute();
  let q = exec
    .updateTable('campaignMemberClaims')
    .set((eb) => ({ claims: eb('claims', '+', 1), lastClaimedAt: v.at }))
    .where('campaignId', '=', v.campaignId)
    .where('memberId', '=', v.memberId);
  if (v.limit > 0) q = q.where('claims', '<', v.limit);
  if (v.cooldownMs > 0) q = q.where('lastClaimedAt', '<=', v.at - v.cooldownMs);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const memberClaim = (exec: Executor, campaignId: number, memberId: number) =>
  exec
    .selectFrom('campaignMemberClaims')
    .where('campaignId', '=', campaignId)
    .where('memberId', '=', memberId)
    .selectAll()
    .executeTakeFirst();

/** Counts a claim on an active campaign under its total limit; no row when it may not. */
export const takeCampaignClaim = (exec: Executor, id: number, at: number) =>
  exec
    .updateTable('campaigns')
    .set((eb) => ({ claims: eb('claims', '+', 1), updatedAt: at }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('totalLimit', '=', 0), eb('claims', '<', eb.ref('totalLimit'))]))
    .returning(['claims', 'totalLimit'])
    .executeTakeFirst();

/** Takes `quantity` from an item's stock, only if it is still that quantity and enough is left. */
export const takeItemStock = (exec: Executor, campaignId: number, id: number, quantity: number) =>
  exec
    .updateTable('campaignItems')
    .set((eb) => ({ claimed: eb('claimed', '+', quantity) }))
    .where('campaignId', '=', campaignId)
    .where('id', '=', id)
    .where('quantity', '=', quantity)
    .where((eb) => eb.or([eb('stock', 'is', null), eb('claimed', '<=', eb('stock', '-', quantity))]))
    .returning(['claimed', 'stock', 'quantity'])
    .executeTakeFirst();

export const insertClaim = (exec: Executor, row: Insertable<CampaignClaimTable>) =>
  exec.insertInto('campaignClaims').values(row).returning('id').executeTakeFirstOrThrow();

export type ClaimFilter = {
  result?: 'granted' | 'refused';
  phone?: string;
  from?: number;
  to?: number;
};

export function listClaims(exec: Executor, merchantId: number, campaignId: number, f: ClaimFilter) {
  let q = exec
    .selectFrom('campaignClaims as c')
    .leftJoin('members as m', 'm.id', 'c.memberId')
    .where('c.merchantId', '=', merchantId)
    .where('c.campaignId', '=', campaignId);
  if (f.result === 'granted') q = q.where('c.result', '=', 'granted');
  if (f.result === 'refused') q = q.where('c.result', '<>', 'granted');
  if (f.phone) q = q.where('m.phone', '=', f.phone);
  if (f.from !== undefined) q = q.where('c.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('c.at', '<', f.to);
  return q;
}

export const pageClaims = (
  exec: Executor,
  merchantId: number,
  campaignId: number,
  f: ClaimFilter,
  limit: number,
  offset: number,
) =>
  pageOf(listClaims(exec, merchantId, campaignId, f), (q) =>
    q.selectAll('c').select('m.phone as memberPhone').orderBy('c.id', 'desc').limit(limit).offset(offset),
  );

/**
 * PostgreSQL: locks the campaign row for the rest of the transaction. Every claim path takes the
 * campaign first, then its items, then the member's rows, so claims never deadlock each other.
 */
export async function lockCampaign(exec: Executor, id: number) {
  await exec.selectFrom('campaigns').where('id', '=', id).select('id').forUpdate().execute();
}
