// Cash and discount vouchers as coupons at checkout (the commerce coupon interface).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { ADDRESS, memberMinter, physical, pressPayPage } from '../../../test/shop-harness.ts';
import { activeTemplate } from '../../../test/voucher-harness.ts';
import { sweepOnce } from '../commerce/sweepers.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let minter: Awaited<ReturnType<typeof memberMinter>>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'coupons');
  minter = await memberMinter(s, A.owner);
});
afterAll(() => s.close());

it('a cash voucher deducts at checkout, is held while unpaid, comes back on expiry and is used once paid', async () => {
  const owner = client(s.app, A.owner);
  const cash = await activeTemplate(s, A.merchant.id, {
    kind: 'cash',
    amountCents: 1_000,
    thresholdCents: 5_000,
    goodsName: null,
  });
  const m = await minter.member('13100000001');
  const [v] = (await owner.post('/api/v1/vouchers/grants', { templateId: cash.id, memberId: m.id })).body;
  const p = (await owner.post('/api/v1/products', physical({ priceCents: 6_000, stock: 5 }))).body;
  const me = client(s.app, m.token);

  const q = await me.post('/api/v1/shop/quote', {
    items: [{ productId: p.id, quantity: 1 }],
    couponRef: String(v.id),
  });
  expect(q.body.lines.find((l: { kind: string }) => l.kind === 'coupon').amountCents).toBe(-1_000);
  const co = await me.post('/api/v1/shop/checkouts', {
    items: [{ productId: p.id, quantity: 1 }],
    couponRef: String(v.id),
    buyer: ADDRESS,
  });
  expect(co.body.totalCents).toBe(5_000);
  expect((await me.get(`/api/v1/wallet/vouchers/${v.id}`)).body.state).toBe('used');
  const twice = await me.post('/api/v1/shop/checkouts', {
    items: [{ productId: p.id, quantity: 1 }],
    couponRef: String(v.id),
    buyer: ADDRESS,
  });
  expect(twice.body.error.code).toBe('COUPON_NOT_APPLICABLE');

  await sweepOnce(s.ctx, Date.now() + 16 * 60_000);
  expect((await me.get(`/api/v1/wallet/vouchers/${v.id}`)).body.state).toBe('unused');

  const again = await me.post('/api/v1/shop/checkouts', {
    items: [{ productId: p.id, quantity: 1 }],
    couponRef: String(v.id),
    buyer: ADDRESS,
  });
  await pressPayPage(s, again.body.payUrl);
  expect((await me.get(`/api/v1/wallet/vouchers/${v.id}`)).body.state).toBe('used');

  // Below the threshold, or someone else's voucher: refused.
  const small = (await owner.post('/api/v1/products', physical({ priceCents: 1_000, stock: 5 }))).body;
  const [w] = (await owner.post('/api/v1/vouchers/grants', { templateId: cash.id, memberId: m.id })).body;
  const below = await me.post('/api/v1/shop/quote', {
    items: [{ productId: small.id, quantity: 1 }],
    couponRef: String(w.id),
  });
  expect(below.body.error.code).toBe('COUPON_NOT_APPLICABLE');
  const other = await minter.member('13100000002');
  const stolen = await client(s.app, other.token).post('/api/v1/shop/quote', {
    items: [{ productId: p.id, quantity: 1 }],
    couponRef: String(w.id),
  });
  expect(stolen.body.error.code).toBe('COUPON_NOT_APPLICABLE');
});
