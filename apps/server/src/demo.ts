// The demo merchant: safe to run on every start (finds what exists, creates what is missing).
import type { AppContext } from './context.ts';
import { SYSTEM_ACTOR } from './modules/audit/audit.service.ts';
import { seedCommerceDemo } from './modules/commerce/demo-seed.ts';
import { findMemberByPhone } from './modules/tenancy/member.repo.ts';
import { createMember } from './modules/tenancy/member.service.ts';
import { findMerchantBySlug } from './modules/tenancy/merchant.repo.ts';
import { createMerchant } from './modules/tenancy/merchant.service.ts';
import { findStaffByLogin } from './modules/tenancy/staff.repo.ts';
import { createStaffUser } from './modules/tenancy/staff.service.ts';
import { createStore } from './modules/tenancy/store.service.ts';
import { seedVoucherDemo } from './modules/vouchers/demo-seed.ts';
import { createOperator } from './operator.ts';

export const DEMO_PASSWORD = 'kaquan-demo';
export const DEMO_LOGINS = [
  ['platform operator', 'operator', DEMO_PASSWORD],
  ['merchant owner', 'owner@demo.kaquan', DEMO_PASSWORD],
  ['manager', 'manager@demo.kaquan', DEMO_PASSWORD],
  ['verifier (store 人民广场店)', 'verifier@demo.kaquan', DEMO_PASSWORD],
  ['member (H5, phone + SMS code)', '13800000000', 'code from the console SMS provider'],
] as const;

export async function seedDemo(ctx: AppContext): Promise<void> {
  const actor = { ...SYSTEM_ACTOR, name: 'demo-seed' };
  if (!(await findStaffByLogin(ctx.db, 'operator'))) {
    await createOperator(ctx, { login: 'operator', name: '平台运营', password: DEMO_PASSWORD });
  }
  let merchant = await findMerchantBySlug(ctx.db, 'demo');
  if (!merchant) {
    await createMerchant(ctx, ctx.db, actor, {
      name: '卡券演示商户',
      slug: 'demo',
      timeZone: 'Asia/Shanghai',
      owner: { login: 'owner@demo.kaquan', name: '王店长', password: DEMO_PASSWORD },
    });
    merchant = (await findMerchantBySlug(ctx.db, 'demo'))!;
    const m = { ...actor, merchantId: merchant.id };
    const store = await createStore(ctx, ctx.db, m, {
      name: '人民广场店',
      address: '上海市黄浦区人民大道 100 号',
      phone: '021-60000000',
    });
    await createStore(ctx, ctx.db, m, {
      name: '徐家汇店',
      address: '上海市徐汇区漕溪北路 1 号',
      phone: '021-60000001',
    });
    await createStaffUser(ctx, ctx.db, m, merchant.id, {
      login: 'manager@demo.kaquan',
      name: '李经理',
      password: DEMO_PASSWORD,
      role: 'manager',
    });
    await createStaffUser(ctx, ctx.db, m, merchant.id, {
      login: 'verifier@demo.kaquan',
      name: '张核销',
      password: DEMO_PASSWORD,
      role: 'verifier',
      allStores: false,
      storeIds: [store.id],
    });
  }
  const m = { ...actor, merchantId: merchant.id };
  for (const [name, phone] of [
    ['张三', '13800000000'],
    ['李四', '13800000001'],
    ['王五', '13800000002'],
  ] as const) {
    if (!(await findMemberByPhone(ctx.db, merchant.id, phone)))
      await createMember(ctx.db, m, { name, phone });
  }
  await seedCommerceDemo(ctx, m);
  await seedVoucherDemo(ctx, m);
}
