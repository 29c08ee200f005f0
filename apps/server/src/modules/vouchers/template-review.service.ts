// The platform operator's review of voucher templates (S2.2): a queue over every merchant, and
// approve / reject as conditional updates from `pending_review`, so two reviewers never both win.
import type { TemplateForReview } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import { inTransaction } from '../../db/database.ts';
import type { Executor, VoucherTemplateRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { pageWindow } from '../../http/pagination.ts';
import { now } from '../../lib/time.ts';
import type { Actor } from '../audit/audit.service.ts';
import * as repo from './template.repo.ts';
import { TEMPLATE_TRANSITIONS } from './template.rules.ts';
import type { ReviewListQuery } from './template.schemas.ts';
import { switched, withStores } from './template.service.ts';

export async function listForReview(exec: Executor, q: Static<typeof ReviewListQuery>) {
  const { page, pageSize, offset } = pageWindow(q);
  const { rows, total } = await repo.listForReview(
    exec,
    { status: q.status ?? 'pending_review', merchantId: q.merchantId },
    pageSize,
    offset,
  );
  const templates = await withStores(exec, rows);
  const items: TemplateForReview[] = templates.map((t, i) => ({
    ...t,
    merchant: { id: rows[i].merchantId, name: rows[i].merchantAccountName },
  }));
  return { items, total, page, pageSize };
}

export async function getForReview(exec: Executor, id: number) {
  const row = await repo.findTemplateAnyMerchant(exec, id);
  if (!row) throw notFound('template');
  return row;
}

async function decide(
  exec: Executor,
  actor: Actor,
  id: number,
  action: 'approve' | 'reject',
  reason: string | null,
) {
  return inTransaction(exec, async (trx) => {
    const rule = TEMPLATE_TRANSITIONS[action];
    const at = now();
    const row: VoucherTemplateRow | undefined = await repo.transitionTemplate(trx, { id }, rule.from, {
      status: action === 'approve' ? 'active' : 'rejected',
      reviewReason: reason,
      reviewedBy: actor.id,
      reviewedAt: at,
      updatedAt: at,
    });
    if (!row) {
      await getForReview(trx, id);
      throw new AppError(rule.refusal, 409);
    }
    return switched(trx, actor, `template.${action}`, 'pending_review', row);
  });
}

export const approveTemplate = (exec: Executor, actor: Actor, id: number) =>
  decide(exec, actor, id, 'approve', null);

export const rejectTemplate = (exec: Executor, actor: Actor, id: number, reason: string) =>
  decide(exec, actor, id, 'reject', reason.trim());
