// Rules that depend on the product type (S0.1, S0.6, S1.1, S1.2, S1.7), exercised through the
// fulfilment hook with fulfillers registered the way the code and card-key modules register theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { ADDRESS, memberMinter, orderIdFrom, physical, pressPayPage } from '../../../test/shop-harness.ts';
import { FulfilmentRegistry, physicalFulfiller } from './fulfilment.ts';

let s: TestServer;
let owner: ReturnType<typeof client>;
let minter: Awaited<ReturnType<typeof memberMinter>>;
const delivered: { type: string; orderId: number; quantity: number }[] = [];
const revoked: number[] = [];

beforeAll(async () => {
  s = await createTestServer();
  // Stand-ins replace the real card-key and gift-card fulfillers, so these rules are tested on
  // their own (the modules test their deliveries themselves).
  const stubs = new FulfilmentRegistry();
  stubs.register('physical', physicalFulfiller);
  s.ctx.fulfilment = stubs;
  for (const type of ['card_key', 'gift_card'] as const) {
    s.ctx.fulfilment.register(type, {
      async fulfil({ order, item }) {
        delivered.push({ type, orderId: order.id, quantity: item.quantity });
        return {
          status: 'delivered',
          result: { keys: Array.from({ length: item.quantity }, (_, i) => `K-${item.id}-${i}`) },
        };
      },
      async revoke({ order }) {
        revoked.push(order.id);
      },
    });
  }
  const A = await seedMerchant(s, 'rules');
  owner = client(s.app, A.owner);
  minter = await memberMinter(s, A.owner);
});
afterAll(() => s.close());

async function product(type: string, over: Record<string, unknown> = {}) {
  const r = await owner.post('/api/v1/products', physical({ type, name: type, ...over }));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; commission: { regionalBp: number } };
}

async function agentAndReferrer(phoneTail: string, region = `区域${phoneTail}`) {
  const referrer = await minter.member(`1360000${phoneTail}1`);
  const agent = await minter.member(`1360000${phoneTail}2`);
  const buyer = await minter.member(`1360000${phoneTail}3`);
  await owner.patch(`/api/v1/members/${agent.id}/commerce`, { agentRegion: region });
  await owner.patch(`/api/v1/members/${buyer.id}/commerce`, { referrerId: referrer.id });
  return { referrer, agent, buyer };
}

describe('card keys', () => {
  it('cannot go in a cart, need only name and phone, complete at once and can never be refunded', async () => {
    const key = await product('card_key', { regionalBp: 500 });
    expect(key.commission.regionalBp).toBe(0);
    const { buyer } = await agentAndReferrer('010');
    const me = client(s.app, buyer.token);
    const cart = await me.post('/api/v1/shop/cart', { productId: key.id, quantity: 1 });
    expect(cart.status).toBe(422);
    expect(cart.body.error.code).toBe('CART_NOT_ALLOWED');

    const noPhone = await me.post('/api/v1/shop/checkouts', {
      items: [{ productId: key.id, quantity: 1 }],
      buyer: { name: '张三' },
    });
    expect(noPhone.body.error.code).toBe('BUYER_INFO_REQUIRED');
    const co = await me.post('/api/v1/shop/checkouts', {
      items: [{ productId: key.id, quantity: 2 }],
      buyer: ADDRESS,
    });
    expect(co.status).toBe(201);
    expect(co.body.buyer).toEqual({ name: ADDRESS.name, phone: ADDRESS.phone });

    const id = orderIdFrom(await pressPayPage(s, co.body.payUrl));
    const order = await me.get(`/api/v1/shop/orders/${id}`);
    expect(order.body).toMatchObject({ status: 'completed', refundable: false, actions: [] });
    expect(order.body.items[0].fulfilment).toMatchObject({
      status: 'delivered',
      result: { keys: [expect.any(String), expect.any(String)] },
    });
    expect(delivered.filter((d) => d.orderId === id)).toEqual([
      { type: 'card_key', orderId: id, quantity: 2 },
    ]);

    for (const action of ['refund', 'cancel']) {
      const r = await owner.post(`/api/v1/orders/${id}/${action}`, {});
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('ORDER_NOT_REFUNDABLE');
    }
    const entries = (await owner.get(`/api/v1/commissions?orderId=${id}`)).body.items as {
      kind: string;
      status: string;
    }[];
    expect(entries.map((e) => e.kind).sort()).toEqual(['distributor_l1', 'shareholder_dividend']);
    expect(entries.every((e) => e.status === 'settled')).toBe(true);
  });

  it('cannot be checked out together with other goods', async () => {
    const key = await product('card_key');
    const cup = await product('physical');
    const { buyer } = await agentAndReferrer('020');
    const r = await client(s.app, buyer.token).post('/api/v1/shop/checkouts', {
      items: [
        { productId: cup.id, quantity: 1 },
        { productId: key.id, quantity: 1 },
      ],
      buyer: ADDRESS,
    });
    expect(r.body.error.code).toBe('CART_NOT_ALLOWED');
  });
});

describe('gift cards and regional agents', () => {
  it('a gift card stores no address, completes at once, earns no regional-agent commission, and refunds revoke it', async () => {
    const card = await product('gift_card', { regionalBp: 500 });
    const { buyer } = await agentAndReferrer('030', '上海');
    const me = client(s.app, buyer.token);
    const co = await me.post('/api/v1/shop/checkouts', {
      items: [{ productId: card.id, quantity: 1 }],
      buyer: ADDRESS,
    });
    expect(co.body.buyer).toEqual({});
    const id = orderIdFrom(await pressPayPage(s, co.body.payUrl));
    expect((await me.get(`/api/v1/shop/orders/${id}`)).body.status).toBe('completed');
    const kinds = (await owner.get(`/api/v1/commissions?orderId=${id}`)).body.items.map(
      (e: { kind: string }) => e.kind,
    );
    expect(kinds).not.toContain('regional_agent');
    expect((await owner.post(`/api/v1/orders/${id}/refund`, {})).body.status).toBe('refunded');
    expect(revoked).toContain(id);
  });

  it('physical goods shipped to the agent region earn the regional-agent commission', async () => {
    const cup = await product('physical', { regionalBp: 500 });
    const { buyer, agent } = await agentAndReferrer('040', '浦东');
    const taken = await minter.member('13600000499');
    const dup = await owner.patch(`/api/v1/members/${taken.id}/commerce`, { agentRegion: '浦东' });
    expect(dup.body.error.code).toBe('AGENT_REGION_TAKEN');
    const co = await client(s.app, buyer.token).post('/api/v1/shop/checkouts', {
      items: [{ productId: cup.id, quantity: 1 }],
      buyer: { ...ADDRESS, region: '浦东' },
    });
    const id = orderIdFrom(await pressPayPage(s, co.body.payUrl));
    const entries = (await owner.get(`/api/v1/commissions?orderId=${id}`)).body.items as {
      kind: string;
      beneficiaryId: number;
    }[];
    expect(entries.find((e) => e.kind === 'regional_agent')?.beneficiaryId).toBe(agent.id);
  });
});

describe('zero-price checkout', () => {
  it('is paid at once without a payment page', async () => {
    const free = await product('physical', { priceCents: 0, name: '赠品' });
    const buyer = await minter.member('13600000501');
    const co = await client(s.app, buyer.token).post('/api/v1/shop/checkouts', {
      items: [{ productId: free.id, quantity: 1 }],
      buyer: ADDRESS,
    });
    expect(co.status).toBe(201);
    expect(co.body).toMatchObject({ status: 'paid', payUrl: null, totalCents: 0 });
    expect(co.body.orderId).toBeGreaterThan(0);
  });
});

describe('zero-price redemption order', () => {
  it('takes stock, needs the address, and makes a paid order with channel redemption and no points', async () => {
    const cup = await product('physical', { stock: 1, name: '兑换礼品' });
    const member = await minter.member('13600000601');
    const { placeZeroPriceOrder } = await import('./checkout.service.ts');
    const who = { merchantId: (await owner.get('/api/v1/merchant')).body.id as number, memberId: member.id };
    const actor = {
      merchantId: who.merchantId,
      type: 'member' as const,
      id: member.id,
      name: 'm',
      ip: null,
      requestId: null,
    };
    await expect(
      s.ctx.db
        .transaction()
        .execute((trx) =>
          placeZeroPriceOrder(s.ctx, trx, who, actor, { items: [{ productId: cup.id, quantity: 1 }] }),
        ),
    ).rejects.toMatchObject({ code: 'BUYER_INFO_REQUIRED' });
    const order = await s.ctx.db.transaction().execute((trx) =>
      placeZeroPriceOrder(s.ctx, trx, who, actor, {
        items: [{ productId: cup.id, quantity: 1 }],
        buyer: ADDRESS,
      }),
    );
    expect(order).toMatchObject({ channel: 'redemption', totalCents: 0, status: 'paid', pointsEarned: 0 });
    const again = s.ctx.db.transaction().execute((trx) =>
      placeZeroPriceOrder(s.ctx, trx, who, actor, {
        items: [{ productId: cup.id, quantity: 1 }],
        buyer: ADDRESS,
      }),
    );
    await expect(again).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
    const seen = await client(s.app, member.token).get(`/api/v1/shop/orders/${order.id}`);
    expect(seen.body).toMatchObject({ channel: 'redemption', totalCents: 0 });
  });
});
