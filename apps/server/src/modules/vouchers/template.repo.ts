import { type Insertable, sql, type Updateable } from 'kysely';
import { containsAny, pageOf } from '../../db/query.ts';
import type { Executor, TemplateStatus, VoucherKind, VoucherTemplateTable } from '../../db/schema.ts';

export const findTemplate = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('voucherTemplates')
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export const findTemplateAnyMerchant = (exec: Executor, id: number) =>
  exec.selectFrom('voucherTemplates').where('id', '=', id).selectAll().executeTakeFirst();

/** Store ids of each template (templates usable at every store have none). */
export async function storeIdsOf(exec: Executor, templateIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(templateIds.map((id) => [id, []]));
  if (templateIds.length === 0) return out;
  const rows = await exec
    .selectFrom('voucherTemplateStores')
    .where('templateId', 'in', templateIds)
    .select(['templateId', 'storeId'])
    .orderBy('storeId')
    .execute();
  for (const r of rows) out.get(r.templateId)?.push(r.storeId);
  return out;
}

export async function listTemplates(
  exec: Executor,
  merchantId: number,
  f: { status?: TemplateStatus; kind?: VoucherKind; q?: string },
  limit: number,
  offset: number,
) {
  let q = exec.selectFrom('voucherTemplates').where('merchantId', '=', merchantId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => containsAny(eb, ['title', 'merchant_name', 'goods_name'], text));
  }
  return pageOf(q, (q) => q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset));
}

/** The operator's queue over every merchant; pending templates oldest first, as a queue. */
export async function listForReview(
  exec: Executor,
  f: { status: TemplateStatus; merchantId?: number },
  limit: number,
  offset: number,
) {
  let q = exec
    .selectFrom('voucherTemplates as t')
    .innerJoin('merchants as m', 'm.id', 't.merchantId')
    .where('t.status', '=', f.status);
  if (f.merchantId) q = q.where('t.merchantId', '=', f.merchantId);
  const direction = f.status === 'pending_review' ? 'asc' : 'desc';
  return pageOf(q, (q) =>
    q
      .selectAll('t')
      .select('m.name as merchantAccountName')
      .orderBy('t.updatedAt', direction)
      .orderBy('t.id', direction)
      .limit(limit)
      .offset(offset),
  );
}

export const insertTemplate = (exec: Executor, v: Insertable<VoucherTemplateTable>) =>
  exec.insertInto('voucherTemplates').values(v).returningAll().executeTakeFirstOrThrow();

/**
 * Edits a template. With `resubmit`, the content a member sees changed: an active or rejected
 * template goes back to review, a disabled one stays disabled but loses its approval — decided
 * in the same statement, so a concurrent review cannot slip between a read and this write.
 */
export const updateTemplate = (
  exec: Executor,
  merchantId: number,
  id: number,
  v: Updateable<VoucherTemplateTable>,
  resubmit: boolean,
) =>
  exec
    .updateTable('voucherTemplates')
    .set(v)
    .$if(resubmit, (q) =>
      q.set({
        status: sql<TemplateStatus>`case when status = 'disabled' then 'disabled' else 'pending_review' end`,
        reviewedAt: null,
        reviewedBy: null,
      }),
    )
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

export async function replaceStores(
  exec: Executor,
  merchantId: number,
  templateId: number,
  storeIds: number[],
) {
  await exec.deleteFrom('voucherTemplateStores').where('templateId', '=', templateId).execute();
  if (storeIds.length === 0) return;
  await exec
    .insertInto('voucherTemplateStores')
    .values(storeIds.map((storeId) => ({ templateId, storeId, merchantId })))
    .execute();
}

/** One conditional update: the change happens only from one of the expected states. */
export const transitionTemplate = (
  exec: Executor,
  where: { id: number; merchantId?: number },
  from: readonly TemplateStatus[],
  v: Updateable<VoucherTemplateTable>,
) =>
  exec
    .updateTable('voucherTemplates')
    .set(v)
    .where('id', '=', where.id)
    .$if(where.merchantId !== undefined, (q) => q.where('merchantId', '=', where.merchantId!))
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();

/** Disabled → active when its current content was approved, else back to review. */
export const enableTemplate = (exec: Executor, merchantId: number, id: number, at: number) =>
  exec
    .updateTable('voucherTemplates')
    .set({
      status: sql<TemplateStatus>`case when reviewed_at is not null and review_reason is null then 'active' else 'pending_review' end`,
      updatedAt: at,
    })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('status', '=', 'disabled')
    .returningAll()
    .executeTakeFirst();
