// Demo data for commerce: a category, a physical product, two member levels, and a member with
// points and a referrer. Runs once per merchant (skipped when the category exists).
import type { AppContext } from '../../context.ts';
import type { Actor } from '../audit/audit.service.ts';
import { findMemberByPhone } from '../tenancy/member.repo.ts';
import { listCategories } from './catalog.repo.ts';
import { createCategory, createProduct } from './catalog.service.ts';
import { adjustPoints, createLevel, updateMemberCommerce } from './loyalty.service.ts';

export async function seedCommerceDemo(ctx: AppContext, actor: Actor & { merchantId: number }) {
  const existing = await listCategories(ctx.db, actor.merchantId);
  if (existing.some((c) => c.name === '实物商品')) return;
  const category = await createCategory(ctx.db, actor, { name: '实物商品', sort: 1 });
  await createProduct(ctx, ctx.db, actor, {
    type: 'physical',
    name: '定制保温杯',
    description: '316 不锈钢，500 ml，可刻字。',
    categoryId: category.id,
    priceCents: 8800,
    stock: 200,
    onSale: true,
    couponAllowed: true,
    pointsAllowed: true,
    memberPriceAllowed: true,
    svipAllowed: true,
    svipPriceCents: 7900,
    commission: {
      enabled: true,
      distributorBp: [1000, 500, 200],
      teamBp: 300,
      shareholderBp: 100,
      regionalBp: 200,
    },
  });
  await createLevel(ctx.db, actor, { name: '银卡会员', discountPercent: 5 });
  const gold = await createLevel(ctx.db, actor, { name: '金卡会员', discountPercent: 10 });
  const buyer = await findMemberByPhone(ctx.db, actor.merchantId, '13800000000');
  const referrer = await findMemberByPhone(ctx.db, actor.merchantId, '13800000001');
  if (buyer && referrer) {
    await updateMemberCommerce(ctx.db, actor, buyer.id, { levelId: gold.id, referrerId: referrer.id });
    await updateMemberCommerce(ctx.db, actor, referrer.id, { teamCaptain: true });
    await adjustPoints(ctx.db, actor, buyer.id, { delta: 5000, note: '演示赠送积分' });
  }
}
