// The redemption center's limits with real concurrency: 50 redemptions by one member at once over
// two app instances on one PostgreSQL (daily limit K = 3: exactly three succeed), and a freeze
// seen by a second app instance through the shared Redis counters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { plantCodes } from '../../../test/codes-harness.ts';
import {
  client,
  createTestDatabase,
  createTestServer,
  engine,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';
import { ADDRESS, memberMinter, physical } from '../../../test/shop-harness.ts';
import { activeTemplate } from '../../../test/voucher-harness.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { redemptionBatchStats } from './redemption.batch.ts';

let shared: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: TestServer[] = [];

beforeAll(async () => {
  shared = await createTestDatabase();
  for (let i = 0; i < 2; i++) servers.push(await createTestServer({ shared }));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await shared.drop();
});

async function setup(slug: string, settings: Record<string, number>) {
  const [s] = servers as [TestServer];
  const A = await seedMerchant(s, slug);
  const owner = client(s.app, A.owner);
  const minter = await memberMinter(s, A.owner);
  const product = (await owner.post('/api/v1/products', physical({ stock: 500 }))).body;
  const t = await activeTemplate(s, A.merchant.id);
  // A reward delivered through the fulfilment hook at once (a voucher), beside goods to be shipped.
  const voucherGoods = (
    await owner.post('/api/v1/products', {
      type: 'voucher',
      name: '咖啡券',
      priceCents: 1_500,
      stock: 200,
      onSale: true,
      fulfilRef: String(t.id),
    })
  ).body;
  const lib = await owner.post('/api/v1/codes/libraries', {
    name: '礼品卡',
    format: 'mixed',
    templateId: t.id,
    reward: [
      { productId: product.id, quantity: 1 },
      { productId: voucherGoods.id, quantity: 1 },
    ],
  });
  await owner.put('/api/v1/codes/settings', {
    failWindowMinutes: 10,
    maxFailures: 5,
    freezeHours: 1,
    ipMaxFailures: 1000,
    dailyLimit: 0,
    ...settings,
  });
  const plant = (n: number) => plantCodes(s, { merchantId: A.merchant.id, libraryId: lib.body.id }, n);
  return { s, A, minter, product, voucherGoods, plant };
}

it.skipIf(engine !== 'postgres')(
  '50 concurrent redemptions by one member over 2 instances with K = 3: exactly 3 succeed (postgres)',
  async () => {
    const { minter, product, plant } = await setup('code-race', { dailyLimit: 3 });
    const m = await minter.member('13910005900');
    const codes = await plant(50);
    const answers = await Promise.all(
      codes.map((code, i) =>
        client(servers[i % 2]!.app, m.token).post('/api/v1/redemption/redeem', {
          code,
          productId: product.id,
          buyer: ADDRESS,
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    expect(ok).toHaveLength(3);
    expect(new Set(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code))).toEqual(
      new Set(['DAILY_REDEEM_LIMIT']),
    );
    const [s] = servers as [TestServer];
    const orders = await s.ctx.db
      .selectFrom('orders')
      .where('memberId', '=', m.id)
      .where('channel', '=', 'redemption')
      .select('id')
      .execute();
    expect(orders).toHaveLength(3);
    const redeemed = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('memberId', '=', m.id)
      .where('state', '=', 'redeemed')
      .select('id')
      .execute();
    expect(redeemed).toHaveLength(3);
  },
  120_000,
);

it.skipIf(engine !== 'postgres')(
  'redemptions arriving together go in batches: each gets its own order, keyed retries one answer, limits exact',
  async () => {
    const { s, A, minter, product, voucherGoods, plant } = await setup('code-batch', { dailyLimit: 2 });
    const members = [];
    for (let i = 0; i < 23; i++) members.push(await minter.member(`139100061${String(i).padStart(2, '0')}`));
    const codes = await plant(46);
    const before = redemptionBatchStats(s.ctx);
    const asked: number[] = [];
    const redeem = (token: string, code: string, key?: string, productId = product.id) => {
      asked.push(productId);
      return client(s.app, token, key ? { 'idempotency-key': key } : {}).post('/api/v1/redemption/redeem', {
        code,
        productId,
        buyer: ADDRESS,
      });
    };
    // Twenty members redeem two codes each with keys (goods to ship, then a voucher) and send the
    // first again; five of them try a third code (over the daily limit of 2); two others enter the
    // same code; one enters wrong codes.
    const sent = await Promise.all([
      ...members
        .slice(0, 20)
        .flatMap((m, i) => [
          redeem(m.token, codes[2 * i]!, `k-${i}-a`),
          redeem(m.token, codes[2 * i + 1]!, `k-${i}-b`, voucherGoods.id),
          redeem(m.token, codes[2 * i]!, `k-${i}-a`),
          ...(i < 5 ? [redeem(m.token, codes[40 + i]!)] : []),
        ]),
      redeem(members[20]!.token, codes[45]!),
      redeem(members[21]!.token, codes[45]!),
      redeem(members[22]!.token, 'Wrong0Code12'),
      redeem(members[22]!.token, `${codes[44]!.slice(0, 11)}#`),
    ]);
    const stats = redemptionBatchStats(s.ctx);
    // All but the entry that is not even shaped like a code went to a batch.
    expect(stats.items - before.items).toBe(sent.length - 1);
    expect(stats.batches - before.batches).toBeLessThan(sent.length);
    expect(stats.failed).toBe(before.failed);
    // Of the 41 made, the batches made all but those of members whose batch would pass their limit.
    expect(stats.made - before.made).toBeGreaterThan(20);

    // Each member's day holds two redemptions; a keyed retry answers what its first attempt did.
    let at = 0;
    for (let i = 0; i < 20; i++) {
      const n = i < 5 ? 4 : 3;
      const mine = sent.slice(at, at + n);
      at += n;
      const [a, , again] = mine;
      expect(again!.body).toEqual(a!.body);
      const distinct = [mine[0]!, mine[1]!, ...mine.slice(3)];
      if (distinct.filter((r) => r.status === 201).length !== 2)
        console.log(i, JSON.stringify(mine.map((r) => [r.status, r.body])));
      expect(distinct.filter((r) => r.status === 201)).toHaveLength(2);
      for (const r of distinct.filter((x) => x.status !== 201))
        expect(r.body.error.code).toBe('DAILY_REDEEM_LIMIT');
    }
    const [x, y, wrong1, wrong2] = sent.slice(at);
    expect([x!.status, y!.status].sort()).toEqual([201, 409]);
    expect([x!, y!].find((r) => r.status === 409)!.body.error.code).toBe('CODE_ALREADY_REDEEMED');
    expect([wrong1!.body.error.code, wrong2!.body.error.code]).toEqual(['CODE_INVALID', 'CODE_INVALID']);

    // Every row its own: the code, its order, the order's checkout and item, the audit rows.
    const db = s.ctx.db;
    const made = new Map(
      sent.flatMap((r, i) =>
        r.status === 201 ? [[r.body.orderId as number, { ...r.body, productId: asked[i] }]] : [],
      ),
    );
    expect(made.size).toBe(41);
    const orders = await db
      .selectFrom('orders')
      .where('merchantId', '=', A.merchant.id)
      .selectAll()
      .execute();
    expect(orders).toHaveLength(41);
    for (const o of orders) {
      const answer = made.get(o.id)!;
      // Goods to ship wait for the merchant; a voucher is delivered and the order completes at once.
      const shipped = answer.productId === product.id;
      expect(o).toMatchObject({
        channel: 'redemption',
        totalCents: 0,
        status: shipped ? 'paid' : 'completed',
        orderNo: answer.orderNo,
      });
      const code = await db
        .selectFrom('redemptionCodes')
        .where('id', '=', answer.codeId)
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(code).toMatchObject({
        state: 'redeemed',
        orderId: o.id,
        memberId: o.memberId,
        redeemedVia: 'online',
      });
      const checkout = await db
        .selectFrom('checkouts')
        .where('id', '=', o.checkoutId!)
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(checkout).toMatchObject({ source: 'redemption', status: 'paid', memberId: o.memberId });
      const items = await db.selectFrom('orderItems').where('orderId', '=', o.id).selectAll().execute();
      expect(items).toMatchObject([{ productId: answer.productId, quantity: 1, payableCents: 0 }]);
      const fulfilment = await db
        .selectFrom('fulfilments')
        .where('orderItemId', '=', items[0]!.id)
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(fulfilment.status).toBe(shipped ? 'awaiting_shipment' : 'delivered');
      if (shipped) expect(fulfilment.result).toBe('null');
      const paidAudit = await db
        .selectFrom('auditLog')
        .where('action', '=', 'order.paid')
        .where('targetId', '=', String(o.id))
        .select(['merchantId', 'actorType', 'afterJson'])
        .execute();
      expect(paidAudit).toHaveLength(1);
      expect(paidAudit[0]).toMatchObject({ merchantId: A.merchant.id, actorType: 'system' });
      expect(JSON.parse(paidAudit[0]!.afterJson!)).toEqual({
        orderNo: o.orderNo,
        status: o.status,
        totalCents: 0,
        checkoutId: o.checkoutId,
      });
      const audits = await db
        .selectFrom('auditLog')
        .where('merchantId', '=', A.merchant.id)
        .where((eb) =>
          eb.or([
            eb.and([eb('action', '=', 'code.redeem'), eb('targetId', '=', String(answer.codeId))]),
            eb.and([eb('action', '=', 'checkout.redeem'), eb('targetId', '=', String(o.checkoutId))]),
          ]),
        )
        .select(['action', 'beforeJson', 'afterJson', 'actorType'])
        .execute();
      expect(audits.map((a) => a.action).sort()).toEqual(['checkout.redeem', 'code.redeem']);
      const codeAudit = audits.find((a) => a.action === 'code.redeem')!;
      expect(codeAudit.actorType).toBe('member');
      expect(JSON.parse(codeAudit.beforeJson!)).toEqual({ state: 'unused' });
      expect(JSON.parse(codeAudit.afterJson!)).toMatchObject({
        state: 'redeemed',
        via: 'online',
        orderId: o.id,
      });
    }
    const { stock } = await db
      .selectFrom('products')
      .where('id', '=', product.id)
      .select('stock')
      .executeTakeFirstOrThrow();
    const shippedMade = [...made.values()].filter((a) => a.productId === product.id).length;
    expect(shippedMade).toBeGreaterThan(0);
    expect(shippedMade).toBeLessThan(41);
    expect(stock).toBe(500 - shippedMade);
    const voucherStock = await db
      .selectFrom('products')
      .where('id', '=', voucherGoods.id)
      .select('stock')
      .executeTakeFirstOrThrow();
    expect(voucherStock.stock).toBe(200 - (41 - shippedMade));
    const days = await db
      .selectFrom('codeDailyCounts')
      .where('merchantId', '=', A.merchant.id)
      .select(['memberId', 'redeemed'])
      .execute();
    const counted = new Map(days.map((d) => [Number(d.memberId), d.redeemed]));
    for (const m of members.slice(0, 20)) expect(counted.get(m.id)).toBe(2);
  },
  120_000,
);

it.skipIf(!process.env.REDIS_URL)(
  'a member frozen through one app process is frozen in another sharing Redis',
  async () => {
    const { minter, plant } = await setup('code-freeze', { maxFailures: 2 });
    const [right] = await plant(1);
    const m = await minter.member('13910005901');
    // Two more app instances with their own connections, sharing the counters namespace as
    // separate processes of one deployment do.
    const config = loadConfig({ ...shared.env } as NodeJS.ProcessEnv);
    // Fresh per run: Redis outlives the test database, and a freeze lasts an hour.
    const namespace = `kqt-freeze-${Math.random().toString(36).slice(2, 10)}`;
    const one = await buildApp(config, {
      webApps: false,
      sweepers: false,
      counterNamespace: namespace,
    });
    const two = await buildApp(config, {
      webApps: false,
      sweepers: false,
      counterNamespace: namespace,
    });
    try {
      expect(one.ctx.counters.backend).toBe('redis');
      const viaOne = client(one.app, m.token);
      const viaTwo = client(two.app, m.token);
      expect((await viaOne.post('/api/v1/redemption/lookup', { code: 'Wrong0Code123' })).status).toBe(400);
      const frozen = await viaOne.post('/api/v1/redemption/lookup', { code: 'Wrong1Code123' });
      expect(frozen.body.error.code).toBe('CODE_FROZEN');
      const elsewhere = await viaTwo.post('/api/v1/redemption/lookup', { code: right });
      expect(elsewhere.status).toBe(429);
      expect(elsewhere.body.error.code).toBe('CODE_FROZEN');
      expect(elsewhere.body.error.details.retryAfterSeconds).toBeGreaterThan(3000);
    } finally {
      await one.app.close();
      await two.app.close();
    }
  },
  60_000,
);
