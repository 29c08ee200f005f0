// All SQL of evaluations. Every query is scoped by the merchant.
import type { Insertable } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type { Executor, VoucherEvaluationTable } from '../../db/schema.ts';

/** The primary key (one per voucher) refuses a second evaluation, also when two arrive at once. */
export const insertEvaluation = (exec: Executor, row: Insertable<VoucherEvaluationTable>) =>
  exec.insertInto('voucherEvaluations').values(row).returningAll().executeTakeFirstOrThrow();

export const findEvaluation = (exec: Executor, merchantId: number, voucherId: number) =>
  exec
    .selectFrom('voucherEvaluations')
    .where('merchantId', '=', merchantId)
    .where('voucherId', '=', voucherId)
    .selectAll()
    .executeTakeFirst();

export interface EvaluationFilter {
  templateId?: number;
  storeId?: number;
  score?: number;
}

const filtered = (exec: Executor, merchantId: number, f: EvaluationFilter) => {
  let q = exec.selectFrom('voucherEvaluations as e').where('e.merchantId', '=', merchantId);
  if (f.templateId) q = q.where('e.templateId', '=', f.templateId);
  if (f.storeId) q = q.where('e.storeId', '=', f.storeId);
  if (f.score) q = q.where('e.score', '=', f.score);
  return q;
};

export const listEvaluations = (
  exec: Executor,
  merchantId: number,
  f: EvaluationFilter,
  limit: number,
  offset: number,
) =>
  pageOf(filtered(exec, merchantId, f), (q) =>
    q
      .innerJoin('voucherTemplates as t', 't.id', 'e.templateId')
      .innerJoin('stores as s', 's.id', 'e.storeId')
      .innerJoin('members as m', 'm.id', 'e.memberId')
      .select([
        'e.voucherId',
        'e.score',
        'e.text',
        'e.at',
        'e.templateId',
        't.title',
        'e.storeId',
        's.name as storeName',
        'e.memberId',
        'm.name as memberName',
        'm.phone as memberPhone',
      ])
      .orderBy('e.at', 'desc')
      .orderBy('e.voucherId', 'desc')
      .limit(limit)
      .offset(offset),
  );

export const scoreSummary = (exec: Executor, merchantId: number, f: EvaluationFilter) =>
  filtered(exec, merchantId, f)
    .select((eb) => [
      eb.fn.avg<number | string | null>('e.score').as('average'),
      eb.fn.countAll().as('count'),
    ])
    .executeTakeFirstOrThrow();

export const averagesByTemplate = (exec: Executor, merchantId: number, f: EvaluationFilter) =>
  filtered(exec, merchantId, f)
    .innerJoin('voucherTemplates as t', 't.id', 'e.templateId')
    .groupBy(['e.templateId', 't.title'])
    .select((eb) => [
      'e.templateId',
      't.title',
      eb.fn.avg<number | string>('e.score').as('average'),
      eb.fn.countAll().as('count'),
    ])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('e.templateId')
    .execute();

export const averagesByStore = (exec: Executor, merchantId: number, f: EvaluationFilter) =>
  filtered(exec, merchantId, f)
    .innerJoin('stores as s', 's.id', 'e.storeId')
    .groupBy(['e.storeId', 's.name'])
    .select((eb) => [
      'e.storeId',
      's.name as storeName',
      eb.fn.avg<number | string>('e.score').as('average'),
      eb.fn.countAll().as('count'),
    ])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('e.storeId')
    .execute();
