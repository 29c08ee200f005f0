// Test helpers for vouchers: an active template written straight into the database (the review
// flow has its own tests), so voucher tests do not depend on the template routes.
import type { Insertable } from 'kysely';
import type { VoucherTemplateTable } from '../src/db/schema.ts';
import type { TestServer } from './harness.ts';

let seq = 0;

export async function activeTemplate(
  s: TestServer,
  merchantId: number,
  over: Partial<Insertable<VoucherTemplateTable>> & { storeIds?: number[] } = {},
) {
  const { storeIds, ...cols } = over;
  const at = Date.now();
  const row = await s.ctx.db
    .insertInto('voucherTemplates')
    .values({
      merchantId,
      kind: 'exchange',
      title: `兑换券 ${++seq}`,
      merchantName: '测试商户',
      conditions: '到店出示',
      goodsName: '咖啡',
      goodsQuantity: 1,
      validityKind: 'relative',
      validDays: 30,
      useWeek: '1111111',
      allStores: storeIds ? 0 : 1,
      perMemberLimit: 0,
      isGiving: 0,
      isSelf: 0,
      servicePhone: '021-60000000',
      claimNotice: '',
      status: 'active',
      reviewFlags: '[]',
      createdAt: at,
      updatedAt: at,
      ...cols,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const storeId of storeIds ?? []) {
    await s.ctx.db
      .insertInto('voucherTemplateStores')
      .values({ templateId: row.id, storeId, merchantId })
      .execute();
  }
  return row;
}

export const requestNo = () => `req-${Math.random().toString(36).slice(2, 14)}`;
