// Demo vouchers: an approved exchange template (usable at every store, self-verification and
// gifting allowed) and two vouchers of it in member 13800000000's wallet. Runs once per merchant.
import type { AppContext } from '../../context.ts';
import type { Actor } from '../audit/audit.service.ts';
import { findMemberByPhone } from '../tenancy/member.repo.ts';
import { issueVouchers } from './voucher.service.ts';

export async function seedVoucherDemo(ctx: AppContext, actor: Actor & { merchantId: number }) {
  const exists = await ctx.db
    .selectFrom('voucherTemplates')
    .where('merchantId', '=', actor.merchantId)
    .where('title', '=', '咖啡兑换券')
    .select('id')
    .executeTakeFirst();
  if (exists) return;
  const at = Date.now();
  await ctx.db.transaction().execute(async (trx) => {
    const t = await trx
      .insertInto('voucherTemplates')
      .values({
        merchantId: actor.merchantId,
        kind: 'exchange',
        title: '咖啡兑换券',
        merchantName: '卡券演示商户',
        conditions: '到店出示券码，兑换中杯拿铁一杯。',
        goodsName: '中杯拿铁',
        goodsQuantity: 1,
        validityKind: 'relative',
        validDays: 30,
        useWeek: '1111111',
        allStores: 1,
        perMemberLimit: 0,
        isGiving: 1,
        isSelf: 1,
        servicePhone: '021-60000000',
        claimNotice: '每次限用一张',
        status: 'active',
        reviewFlags: '[]',
        reviewedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const member = await findMemberByPhone(trx, actor.merchantId, '13800000000');
    if (member) {
      await issueVouchers(
        ctx,
        trx,
        { merchantId: actor.merchantId, templateId: t.id, memberId: member.id, count: 2, channel: 'grant' },
        actor,
      );
    }
  });
}
