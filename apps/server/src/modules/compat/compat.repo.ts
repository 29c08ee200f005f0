// Read-side queries of the seed-compatible API: one voucher with everything the seed's fields
// need (template, evaluation, gift parties, verification).
import type { Executor } from '../../db/schema.ts';

const base = (exec: Executor) =>
  exec
    .selectFrom('vouchers as v')
    .innerJoin('voucherTemplates as t', 't.id', 'v.templateId')
    .leftJoin('voucherEvaluations as e', 'e.voucherId', 'v.id')
    .select([
      'v.id',
      'v.memberId',
      'v.templateId',
      'v.state',
      'v.validFrom',
      'v.validUntil',
      'v.issuedAt',
      'v.usedAt',
      'v.usedStoreId',
      'v.channel',
      'v.sourceRef',
      't.title',
      't.kind',
      't.amountCents',
      't.percentOff',
      't.useWeek',
      't.isSelf',
      't.isGiving',
      't.conditions',
      'e.text as evaluation',
      'e.score',
      'e.at as evaluatedAt',
    ]);

export type CompatVoucherRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export const listForMember = (
  exec: Executor,
  merchantId: number,
  memberId: number,
  state: 0 | 1 | 2 | 'usable',
  at: number,
  limit: number,
  offset: number,
) => {
  let q = base(exec).where('v.merchantId', '=', merchantId).where('v.memberId', '=', memberId);
  if (state === 0 || state === 'usable')
    q = q.where('v.state', '=', 'unused').where('v.validUntil', '>=', at).where('v.validFrom', '<=', at);
  if (state === 'usable') q = q.where('t.isSelf', '=', 1);
  if (state === 1) q = q.where('v.state', '=', 'used');
  if (state === 2)
    q = q.where((eb) =>
      eb.or([
        eb('v.state', '=', 'expired'),
        eb.and([eb('v.state', '=', 'unused'), eb('v.validUntil', '<', at)]),
      ]),
    );
  return q.orderBy('v.id', 'desc').limit(limit).offset(offset).execute();
};

export const oneForMember = (exec: Executor, merchantId: number, memberId: number, id: number) =>
  base(exec)
    .where('v.merchantId', '=', merchantId)
    .where('v.id', '=', id)
    .where('v.memberId', '=', memberId)
    .executeTakeFirst();

/** The latest accepted gift of a voucher: who gave it and who received it. */
export const lastGift = (exec: Executor, voucherId: number) =>
  exec
    .selectFrom('voucherGifts as g')
    .leftJoin('members as r', 'r.id', 'g.receiverId')
    .where('g.voucherId', '=', voucherId)
    .where('g.status', '=', 'accepted')
    .select(['g.giverId', 'g.receiverId', 'g.closedAt', 'r.name as receiverName'])
    .orderBy('g.id', 'desc')
    .executeTakeFirst();

/** The latest verification of a voucher that was not undone. */
export const lastVerification = (exec: Executor, voucherId: number) =>
  exec
    .selectFrom('verifications')
    .where('voucherId', '=', voucherId)
    .where('undoneAt', 'is', null)
    .select(['id', 'staffId', 'storeId', 'at'])
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const verificationForMember = (exec: Executor, merchantId: number, memberId: number, id: number) =>
  exec
    .selectFrom('verifications as r')
    .innerJoin('vouchers as v', 'v.id', 'r.voucherId')
    .innerJoin('voucherTemplates as t', 't.id', 'v.templateId')
    .innerJoin('stores as s', 's.id', 'r.storeId')
    .where('r.merchantId', '=', merchantId)
    .where('r.id', '=', id)
    .where('v.memberId', '=', memberId)
    .select([
      'r.id',
      'r.voucherId',
      'v.templateId',
      'r.at',
      'r.storeId',
      'r.staffId',
      't.title',
      's.name as storeName',
    ])
    .executeTakeFirst();

export const pendingGiftOf = (exec: Executor, merchantId: number, voucherId: number) =>
  exec
    .selectFrom('voucherGifts')
    .where('merchantId', '=', merchantId)
    .where('voucherId', '=', voucherId)
    .where('status', '=', 'pending')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirst();
