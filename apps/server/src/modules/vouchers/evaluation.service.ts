// Evaluations (S4.5): after use, one per voucher (score 1–5, text ≤ 500), by its holder; the
// merchant reads them with averages per template and per store.
import type { AppContext } from '../../context.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { iso, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as repo from './voucher.repo.ts';

export async function evaluate(
  ctx: AppContext,
  who: { merchantId: number; memberId: number },
  voucherId: number,
  input: { score: number; text: string },
  actor: Actor,
) {
  const v = await repo.findVoucher(ctx.db, who.merchantId, voucherId);
  if (!v || v.memberId !== who.memberId) throw notFound('voucher');
  if (v.state !== 'used' || v.usedStoreId === null) throw new AppError('NOT_USED_YET', 409);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('voucherEvaluations')
        .values({
          voucherId,
          merchantId: who.merchantId,
          memberId: who.memberId,
          templateId: v.templateId,
          storeId: v.usedStoreId!,
          score: input.score,
          text: input.text,
          at: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
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

export async function listEvaluations(
  ctx: AppContext,
  merchantId: number,
  q: { templateId?: number; storeId?: number; page?: number; pageSize?: number },
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let base = ctx.db
    .selectFrom('voucherEvaluations as e')
    .innerJoin('voucherTemplates as t', 't.id', 'e.templateId')
    .innerJoin('stores as s', 's.id', 'e.storeId')
    .innerJoin('members as m', 'm.id', 'e.memberId')
    .where('e.merchantId', '=', merchantId);
  if (q.templateId) base = base.where('e.templateId', '=', q.templateId);
  if (q.storeId) base = base.where('e.storeId', '=', q.storeId);
  const [rows, count] = await Promise.all([
    base
      .select([
        'e.voucherId',
        'e.score',
        'e.text',
        'e.at',
        't.id as templateId',
        't.title',
        's.id as storeId',
        's.name as storeName',
        'm.phone',
      ])
      .orderBy('e.at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const averages = (key: 'e.templateId' | 'e.storeId') =>
    ctx.db
      .selectFrom('voucherEvaluations as e')
      .where('e.merchantId', '=', merchantId)
      .groupBy(key)
      .select((eb) => [key, eb.fn.avg<number>('e.score').as('average'), eb.fn.countAll<number>().as('count')])
      .execute();
  const [byTemplate, byStore] = await Promise.all([averages('e.templateId'), averages('e.storeId')]);
  const round = (x: number) => Math.round(Number(x) * 100) / 100;
  return {
    items: rows.map((r) => ({
      voucherId: r.voucherId,
      score: r.score,
      text: r.text,
      at: iso(r.at),
      templateId: r.templateId,
      title: r.title,
      storeId: r.storeId,
      storeName: r.storeName,
      memberPhone: `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}`,
    })),
    total: Number(count.n),
    page,
    pageSize,
    byTemplate: byTemplate.map((r) => ({
      templateId: r.templateId,
      average: round(r.average),
      count: Number(r.count),
    })),
    byStore: byStore.map((r) => ({ storeId: r.storeId, average: round(r.average), count: Number(r.count) })),
  };
}
