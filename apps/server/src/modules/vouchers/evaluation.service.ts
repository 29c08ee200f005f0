// Evaluations (S4.5): after use, one per voucher (score 1–5, text ≤ 500), by its holder; the
// merchant reads them with averages overall, per template and per store.
import type { EvaluationInput, EvaluationPage, WalletEvaluation } from '@kaquan/contracts';
import type { AppContext } from '../../context.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { pageWindow } from '../../http/pagination.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as evaluations from './evaluation.repo.ts';
import * as vouchers from './voucher.repo.ts';

type Holder = { merchantId: number; memberId: number };

const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
const round2 = (x: number | string) => Math.round(Number(x) * 100) / 100;

async function holderVoucher(ctx: AppContext, who: Holder, voucherId: number) {
  const v = await vouchers.findVoucher(ctx.db, who.merchantId, voucherId);
  if (!v || v.memberId !== who.memberId) throw notFound('voucher');
  return v;
}

export async function evaluate(
  ctx: AppContext,
  who: Holder,
  voucherId: number,
  input: EvaluationInput,
  actor: Actor,
) {
  const v = await holderVoucher(ctx, who, voucherId);
  const storeId = v.usedStoreId;
  if (v.state !== 'used' || storeId === null) throw new AppError('NOT_USED_YET', 409);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await evaluations.insertEvaluation(trx, {
        voucherId,
        merchantId: who.merchantId,
        memberId: who.memberId,
        templateId: v.templateId,
        storeId,
        score: input.score,
        text: input.text,
        at: now(),
      });
      await recordAudit(
        trx,
        { ...actor, merchantId: who.merchantId },
        {
          action: 'voucher.evaluate',
          targetType: 'voucher',
          targetId: voucherId,
          after: { score: input.score },
        },
      );
      return { voucherId, score: row.score, text: row.text, at: iso(row.at) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_EVALUATED', 409);
    throw err;
  }
}

/** The holder's evaluation of one of their vouchers, and whether they may still give one. */
export async function walletEvaluation(
  ctx: AppContext,
  who: Holder,
  voucherId: number,
): Promise<WalletEvaluation> {
  const v = await holderVoucher(ctx, who, voucherId);
  const row = await evaluations.findEvaluation(ctx.db, who.merchantId, voucherId);
  return {
    canEvaluate: !row && v.state === 'used' && v.usedStoreId !== null,
    evaluation: row ? { voucherId, score: row.score, text: row.text, at: iso(row.at) } : null,
  };
}

/**
 * A page of evaluations matching every filter. The averages cover the template and store filters
 * but not the score filter, which would only repeat the chosen score.
 */
export async function listEvaluations(
  ctx: AppContext,
  merchantId: number,
  q: evaluations.EvaluationFilter & { page?: number; pageSize?: number },
): Promise<EvaluationPage> {
  const { page, pageSize, offset } = pageWindow(q);
  const scope = { templateId: q.templateId, storeId: q.storeId };
  const [{ rows, total }, summary, byTemplate, byStore] = await Promise.all([
    evaluations.listEvaluations(ctx.db, merchantId, { ...scope, score: q.score }, pageSize, offset),
    evaluations.scoreSummary(ctx.db, merchantId, scope),
    evaluations.averagesByTemplate(ctx.db, merchantId, scope),
    evaluations.averagesByStore(ctx.db, merchantId, scope),
  ]);
  const count = Number(summary.count);
  return {
    items: rows.map((r) => ({ ...r, at: iso(r.at), memberPhone: maskPhone(r.memberPhone) })),
    total,
    page,
    pageSize,
    summary: { average: count > 0 && summary.average !== null ? round2(summary.average) : null, count },
    byTemplate: byTemplate.map((r) => ({
      templateId: r.templateId,
      title: r.title,
      average: round2(r.average),
      count: Number(r.count),
    })),
    byStore: byStore.map((r) => ({
      storeId: r.storeId,
      storeName: r.storeName,
      average: round2(r.average),
      count: Number(r.count),
    })),
  };
}
