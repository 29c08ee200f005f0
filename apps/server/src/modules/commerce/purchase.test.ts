import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { ADDRESS, memberMinter, orderIdFrom, physical, pressPayPage } from '../../../test/shop-harness.ts';
import { sweepOnce } from './sweepers.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let minter: Awaited<ReturnType<typeof memberMinter>>;
let owner: ReturnType<typeof client>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'shop');
  owner = client(s.app, A.owner);
  minter = await memberMinter(s, A.owner);
});
afterAll(() => s.close());

async function newProduct(over: Record<string, unknown> = {}) {
  const r = await owner.post('/api/v1/products', physical(over));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; stock: number };
}

async function buy(token: string, body: Record<string, unknown>) {
  return client(s.app, token).post('/api/v1/shop/checkouts', body);
}

const stockOf = async (id: number) => (await owner.get(`/api/v1/products/${id}`)).body.stock as number;
const pointsOf = async (memberId: number) =>
  (await owner.get(`/api/v1/members/${memberId}/commerce`)).body.pointsBalance as number;

describe('catalog', () => {
  it('creates categories and products', async () => {
    const cat = await owner.post('/api/v1/product-categories', { name: '实物' });
    expect(cat.status).toBe(201);
    expect((await owner.post('/api/v1/product-categories', { name: '实物' })).body.error.code).toBe(
      'CATEGORY_TAKEN',
    );
    const p = await owner.post('/api/v1/products', physical({ categoryId: cat.body.id }));
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({
      type: 'physical',
      buyerNeeds: 'address',
      cartAllowed: true,
      refundable: true,
    });
    const list = await owner.get(`/api/v1/products?categoryId=${cat.body.id}`);
    expect(list.body.items.map((x: { id: number }) => x.id)).toEqual([p.body.id]);
  });

  it('keeps other merchants out and needs the commerce scope', async () => {
    const B = await seedMerchant(s, 'shop-b');
    const p = await newProduct();
    expect((await client(s.app, B.owner).get(`/api/v1/products/${p.id}`)).status).toBe(404);
    expect((await client(s.app, A.verifier).get('/api/v1/products')).status).toBe(403);
    const key = await owner.post('/api/v1/api-keys', { name: 'ro', scopes: ['members:read'] });
    expect((await client(s.app, key.body.secret).get('/api/v1/products')).status).toBe(403);
  });
});

describe('buy now → sandbox pay page → order', () => {
  it('reserves stock, prices every line, pays through the pay page and earns points and commissions', async () => {
    const referrer = await minter.member('13900000001');
    const buyer = await minter.member('13900000002');
    const level = await owner.post('/api/v1/member-levels', { name: '金卡', discountPercent: 10 });
    await owner.patch(`/api/v1/members/${buyer.id}/commerce`, {
      levelId: level.body.id,
      referrerId: referrer.id,
    });
    await owner.post(`/api/v1/members/${buyer.id}/points`, { delta: 1000, note: 'welcome' });
    const p = await newProduct({ stock: 5 });

    const missing = await buy(buyer.token, { items: [{ productId: p.id, quantity: 2 }] });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('BUYER_INFO_REQUIRED');

    const co = await buy(buyer.token, {
      items: [{ productId: p.id, quantity: 2 }],
      points: 500,
      buyer: ADDRESS,
    });
    expect(co.status, JSON.stringify(co.body)).toBe(201);
    expect(co.body.status).toBe('pending');
    const waiting = await client(s.app, buyer.token).get('/api/v1/shop/checkouts');
    expect(waiting.body.map((c: { id: number }) => c.id)).toEqual([co.body.id]);
    expect((await client(s.app, buyer.token).get('/api/v1/shop/me')).body.levelDiscountPercent).toBe(10);
    expect(
      co.body.quote.lines.map((l: { kind: string; amountCents: number }) => [l.kind, l.amountCents]),
    ).toEqual([
      ['item', 20_000],
      ['member_discount', -2_000],
      ['points', -500],
    ]);
    expect(co.body.totalCents).toBe(17_500);
    expect(await stockOf(p.id)).toBe(3);
    expect(await pointsOf(buyer.id)).toBe(500);

    const page = await s.app.inject({ method: 'GET', url: co.body.payUrl });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('¥175.00');

    const location = await pressPayPage(s, co.body.payUrl);
    expect(location).toMatch(/^\/h5\/shop\/orders\/\d+$/);
    const order = await client(s.app, buyer.token).get(`/api/v1/shop/orders/${orderIdFrom(location)}`);
    expect(order.body).toMatchObject({
      status: 'paid',
      totalCents: 17_500,
      pointsUsed: 500,
      pointsEarned: 175,
    });
    expect(order.body.items[0].fulfilment.status).toBe('awaiting_shipment');
    expect(await pointsOf(buyer.id)).toBe(675);

    const entries = await owner.get(`/api/v1/commissions?orderId=${order.body.id}`);
    const byKind = Object.fromEntries(
      entries.body.items.map((e: { kind: string; amountCents: number }) => [e.kind, e]),
    );
    expect(byKind.distributor_l1).toMatchObject({
      beneficiaryId: referrer.id,
      amountCents: 1_750,
      status: 'pending',
    });
    expect(byKind.shareholder_dividend).toMatchObject({ beneficiaryId: null, amountCents: 175 });
    expect(byKind.distributor_l2).toBeUndefined();

    // The checkout is no longer payable; the pay page says so.
    expect((await s.app.inject({ method: 'GET', url: co.body.payUrl })).body).toContain('已支付');
  });

  it('replaying the signed callback 100 times gives one order, one fulfilment, one commission set', async () => {
    const referrer = await minter.member('13900000011');
    const buyer = await minter.member('13900000012');
    await owner.patch(`/api/v1/members/${buyer.id}/commerce`, { referrerId: referrer.id });
    const p = await newProduct({ stock: 3 });
    const co = await buy(buyer.token, { items: [{ productId: p.id, quantity: 1 }], buyer: ADDRESS });
    const token = (co.body.payUrl as string).split('/').pop()!;
    const notice = s.ctx.payments.sandbox.sign({
      outTradeNo: token,
      tradeNo: 'T-REPLAY',
      amountCents: co.body.totalCents,
      status: 'SUCCESS',
      paidAt: Date.now(),
    });
    const send = () =>
      s.app.inject({ method: 'POST', url: '/api/v1/payments/sandbox/callback', payload: notice });
    const answers = [];
    for (let round = 0; round < 5; round++)
      answers.push(...(await Promise.all(Array.from({ length: 20 }, send))));
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    const orderIds = new Set(answers.map((r) => r.json().orderId));
    expect(orderIds.size).toBe(1);
    expect(answers.filter((r) => r.json().status === 'paid')).toHaveLength(1);

    const db = s.ctx.db;
    const orders = await db.selectFrom('orders').where('checkoutId', '=', co.body.id).selectAll().execute();
    expect(orders).toHaveLength(1);
    const fulfilments = await db
      .selectFrom('fulfilments')
      .innerJoin('orderItems', 'orderItems.id', 'fulfilments.orderItemId')
      .where('orderItems.orderId', '=', orders[0].id)
      .select('fulfilments.id')
      .execute();
    expect(fulfilments).toHaveLength(1);
    const commissions = await db
      .selectFrom('commissionEntries')
      .where('orderId', '=', orders[0].id)
      .select('kind')
      .execute();
    expect(commissions.map((c) => c.kind).sort()).toEqual(['distributor_l1', 'shareholder_dividend']);
    expect(
      (await db.selectFrom('pointsLedger').where('orderId', '=', orders[0].id).selectAll().execute()).length,
    ).toBe(1);
    expect(await stockOf(p.id)).toBe(2);
  });

  it('refuses and audits a forged callback', async () => {
    const buyer = await minter.member('13900000021');
    const p = await newProduct();
    const co = await buy(buyer.token, { items: [{ productId: p.id, quantity: 1 }], buyer: ADDRESS });
    const token = (co.body.payUrl as string).split('/').pop()!;
    const genuine = s.ctx.payments.sandbox.sign({
      outTradeNo: token,
      tradeNo: 'T-FORGED',
      amountCents: co.body.totalCents,
      status: 'SUCCESS',
      paidAt: Date.now(),
    });
    for (const forged of [
      { ...genuine, sign: 'f'.repeat(64) },
      { ...genuine, amountCents: 1 },
      { ...genuine, sign: undefined },
    ]) {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/payments/sandbox/callback',
        payload: forged,
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('PAYMENT_SIGNATURE_INVALID');
    }
    const audit = await owner.get('/api/v1/audit?action=payment.callback.forged');
    expect(audit.body.total).toBeGreaterThanOrEqual(3);
    expect((await client(s.app, buyer.token).get(`/api/v1/shop/checkouts/${co.body.id}`)).body.status).toBe(
      'pending',
    );
  });
});

describe('checkout expiry and cancel', () => {
  it('an expired checkout gives stock and points back; a late payment takes them again or is refunded', async () => {
    const buyer = await minter.member('13900000031');
    await owner.post(`/api/v1/members/${buyer.id}/points`, { delta: 100, note: 'x' });
    const p = await newProduct({ stock: 1 });
    const co = await buy(buyer.token, {
      items: [{ productId: p.id, quantity: 1 }],
      points: 100,
      buyer: ADDRESS,
    });
    expect(await stockOf(p.id)).toBe(0);
    expect(
      (await buy(buyer.token, { items: [{ productId: p.id, quantity: 1 }], buyer: ADDRESS })).body.error.code,
    ).toBe('OUT_OF_STOCK');
    const swept = await sweepOnce(s.ctx, Date.now() + 16 * 60_000);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await stockOf(p.id)).toBe(1);
    expect(await pointsOf(buyer.id)).toBe(100);
    expect((await client(s.app, buyer.token).get(`/api/v1/shop/checkouts/${co.body.id}`)).body.status).toBe(
      'expired',
    );

    // Late payment while the unit is still there: the order is made and the unit taken again.
    const token = (co.body.payUrl as string).split('/').pop()!;
    const late = await s.app.inject({
      method: 'POST',
      url: '/api/v1/payments/sandbox/callback',
      payload: s.ctx.payments.sandbox.sign({
        outTradeNo: token,
        tradeNo: 'T-LATE',
        amountCents: co.body.totalCents,
        status: 'SUCCESS',
        paidAt: Date.now(),
      }),
    });
    expect(late.json().status).toBe('paid');
    expect(await stockOf(p.id)).toBe(0);
    expect(await pointsOf(buyer.id)).toBe(0 + Math.floor(co.body.totalCents / 100));

    // Late payment when the unit is gone: refunded, no order.
    await owner.patch(`/api/v1/products/${p.id}`, { stock: 1 });
    const co2 = await buy(buyer.token, { items: [{ productId: p.id, quantity: 1 }], buyer: ADDRESS });
    await sweepOnce(s.ctx, Date.now() + 16 * 60_000);
    const other = await minter.member('13900000032');
    await buy(other.token, { items: [{ productId: p.id, quantity: 1 }], buyer: ADDRESS });
    const token2 = (co2.body.payUrl as string).split('/').pop()!;
    const refunded = await s.app.inject({
      method: 'POST',
      url: '/api/v1/payments/sandbox/callback',
      payload: s.ctx.payments.sandbox.sign({
        outTradeNo: token2,
        tradeNo: 'T-LATE2',
        amountCents: co2.body.totalCents,
        status: 'SUCCESS',
        paidAt: Date.now(),
      }),
    });
    expect(refunded.json()).toMatchObject({ status: 'refunded', orderId: null });
    expect(await stockOf(p.id)).toBe(0);
  });

  it('Cancel on the pay page closes the checkout and releases the stock', async () => {
    const buyer = await minter.member('13900000041');
    const p = await newProduct({ stock: 2 });
    const co = await buy(buyer.token, { items: [{ productId: p.id, quantity: 2 }], buyer: ADDRESS });
    expect(await stockOf(p.id)).toBe(0);
    const location = await pressPayPage(s, co.body.payUrl, 'cancel');
    expect(location).toBe(`/h5/shop/checkouts/${co.body.id}`);
    expect(await stockOf(p.id)).toBe(2);
    const after = await client(s.app, buyer.token).get(`/api/v1/shop/checkouts/${co.body.id}`);
    expect(after.body).toMatchObject({ status: 'cancelled', payUrl: null });
  });
});

describe('cart', () => {
  it('checks out the cart in one payment and empties it', async () => {
    const buyer = await minter.member('13900000051');
    const a = await newProduct({ name: 'A', priceCents: 1_000 });
    const b = await newProduct({ name: 'B', priceCents: 2_500 });
    const c = client(s.app, buyer.token);
    await c.post('/api/v1/shop/cart', { productId: a.id, quantity: 1 });
    await c.post('/api/v1/shop/cart', { productId: a.id, quantity: 2 });
    const cart = await c.post('/api/v1/shop/cart', { productId: b.id, quantity: 1 });
    expect(
      cart.body.items?.map((i: { quantity: number }) => i.quantity),
      JSON.stringify(cart.body),
    ).toEqual([3, 1]);
    expect(cart.body.quote.totalCents).toBe(5_500);
    const co = await buy(buyer.token, { fromCart: true, buyer: ADDRESS });
    expect(co.status).toBe(201);
    expect(co.body).toMatchObject({ source: 'cart', totalCents: 5_500 });
    const emptied = await c.get('/api/v1/shop/cart');
    expect(emptied.body.items, JSON.stringify(emptied.body)).toEqual([]);
    expect(orderIdFrom(await pressPayPage(s, co.body.payUrl))).toBeGreaterThan(0);
  });
});

describe('physical order lifecycle', () => {
  it('ship → confirm → commissions settle after the after-sales window; refund reverses everything', async () => {
    const referrer = await minter.member('13900000061');
    const buyer = await minter.member('13900000062');
    await owner.patch(`/api/v1/members/${buyer.id}/commerce`, { referrerId: referrer.id });
    await owner.put('/api/v1/commerce/settings', { afterSalesDays: 7 });
    const p = await newProduct({ stock: 5 });
    const co = await buy(buyer.token, { items: [{ productId: p.id, quantity: 1 }], buyer: ADDRESS });
    const id = orderIdFrom(await pressPayPage(s, co.body.payUrl));
    const me = client(s.app, buyer.token);

    expect((await me.post(`/api/v1/shop/orders/${id}/confirm`)).body.error.code).toBe('INVALID_TRANSITION');
    const shipped = await owner.post(`/api/v1/orders/${id}/ship`, { carrier: '顺丰', trackingNo: 'SF123' });
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: '顺丰', trackingNo: 'SF123' });
    expect((await owner.post(`/api/v1/orders/${id}/ship`, { carrier: 'x', trackingNo: 'y' })).status).toBe(
      409,
    );
    const done = await me.post(`/api/v1/shop/orders/${id}/confirm`);
    expect(done.body.status).toBe('completed');

    await sweepOnce(s.ctx, Date.now() + 6 * 86_400_000);
    const pending = await owner.get(`/api/v1/commissions?orderId=${id}`);
    expect(pending.body.items.every((e: { status: string }) => e.status === 'pending')).toBe(true);
    await sweepOnce(s.ctx, Date.now() + 8 * 86_400_000);
    const settled = await owner.get(`/api/v1/commissions?orderId=${id}`);
    expect(settled.body.items.every((e: { status: string }) => e.status === 'settled')).toBe(true);

    const before = await pointsOf(buyer.id);
    const refunded = await owner.post(`/api/v1/orders/${id}/refund`, { reason: '质量问题' });
    expect(refunded.body.status).toBe('refunded');
    const reversed = await owner.get(`/api/v1/commissions?orderId=${id}`);
    expect(reversed.body.items.every((e: { status: string }) => e.status === 'reversed')).toBe(true);
    expect(await pointsOf(buyer.id)).toBe(before - refunded.body.pointsEarned);
    const payment = await s.ctx.db
      .selectFrom('payments')
      .where('checkoutId', '=', co.body.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(payment.status).toBe('refunded');
    const summary = await owner.get('/api/v1/commissions/summary');
    expect(
      summary.body.items.find((r: { beneficiaryId: number }) => r.beneficiaryId === referrer.id),
    ).toBeTruthy();
  });

  it('a buyer sees only their own orders', async () => {
    const one = await minter.member('13900000071');
    const two = await minter.member('13900000072');
    const p = await newProduct();
    const co = await buy(one.token, { items: [{ productId: p.id, quantity: 1 }], buyer: ADDRESS });
    const id = orderIdFrom(await pressPayPage(s, co.body.payUrl));
    expect((await client(s.app, two.token).get(`/api/v1/shop/orders/${id}`)).status).toBe(404);
    expect((await client(s.app, two.token).get(`/api/v1/shop/checkouts/${co.body.id}`)).status).toBe(404);
    const mine = await client(s.app, one.token).get('/api/v1/shop/orders');
    expect(mine.body.items.map((o: { id: number }) => o.id)).toContain(id);
    expect((await client(s.app, two.token).get('/api/v1/shop/orders')).body.items).toEqual([]);
  });
});
