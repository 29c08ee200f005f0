// Buy-now checkouts and pay callbacks that arrive together are made in batches on PostgreSQL
// (checkout.batch.ts, payment/payment.batch.ts). Each request must still get exactly its own
// checkout, payment, order, commissions, points and audit rows, as if it had come alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, createTestServer, engine, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { ADDRESS, memberMinter, physical, pressPayPage } from '../../../test/shop-harness.ts';
import { checkoutBatchStats } from './checkout.batch.ts';
import { payBatchStats } from './payment/payment.batch.ts';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

it.skipIf(engine !== 'postgres')(
  '40 buyers at once for stock 30, each twice: 30 checkouts, each paid once, every row its own',
  async () => {
    const A = await seedMerchant(s, 'batch');
    const owner = client(s.app, A.owner);
    const minter = await memberMinter(s, A.owner);
    const referrer = await minter.member('13600000000');
    const buyers = [];
    for (let i = 0; i < 20; i++) {
      const b = await minter.member(`136${String(i + 1).padStart(8, '0')}`);
      await minter.api.patch(`/api/v1/members/${b.id}/commerce`, { referrerId: referrer.id });
      buyers.push(b);
    }
    const product = (await owner.post('/api/v1/products', physical({ stock: 30, priceCents: 1990 }))).body;
    const checkoutsBefore = checkoutBatchStats(s.ctx);
    const paysBefore = payBatchStats(s.ctx);

    // Every buyer checks out twice at once: 40 requests for 30 units.
    const attempts = await Promise.all(
      [...buyers, ...buyers].map((b) =>
        client(s.app, b.token).post('/api/v1/shop/checkouts', {
          items: [{ productId: product.id, quantity: 1 }],
          buyer: ADDRESS,
        }),
      ),
    );
    const made = attempts.filter((r) => r.status === 201);
    expect(made).toHaveLength(30);
    expect(new Set(attempts.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(
      new Set(['OUT_OF_STOCK']),
    );
    const cb = checkoutBatchStats(s.ctx);
    expect(cb.items - checkoutsBefore.items).toBe(40);
    expect(cb.batches - checkoutsBefore.batches).toBeLessThan(40);
    expect(cb.failed).toBe(checkoutsBefore.failed);
    expect((await owner.get(`/api/v1/products/${product.id}`)).body.stock).toBe(0);

    // Each checkout's own payment, line and audit row.
    const db = s.ctx.db;
    for (const r of made) {
      const token = (r.body.payUrl as string).split('/').pop()!;
      const pay = await db
        .selectFrom('payments')
        .where('token', '=', token)
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(pay).toMatchObject({ checkoutId: r.body.id, amountCents: r.body.totalCents, status: 'pending' });
      const lines = await db
        .selectFrom('checkoutLines')
        .where('checkoutId', '=', r.body.id)
        .selectAll()
        .execute();
      expect(lines).toMatchObject([{ productId: product.id, quantity: 1, payableCents: r.body.totalCents }]);
      const audit = await db
        .selectFrom('auditLog')
        .where('action', '=', 'checkout.create')
        .where('targetId', '=', String(r.body.id))
        .selectAll()
        .execute();
      expect(audit).toHaveLength(1);
    }

    // All 30 pay at once, and 10 of them press Pay a second time at the same moment.
    const pages = await Promise.all([
      ...made.map((r) => pressPayPage(s, r.body.payUrl)),
      ...made.slice(0, 10).map((r) => pressPayPage(s, r.body.payUrl)),
    ]);
    expect(pages.every((loc) => /\/orders\/\d+$/.test(loc))).toBe(true);
    const pb = payBatchStats(s.ctx);
    expect(pb.items - paysBefore.items).toBe(40);
    expect(pb.batches - paysBefore.batches).toBeLessThan(40);
    expect(pb.failed).toBe(paysBefore.failed);

    const orders = await db
      .selectFrom('orders')
      .where('merchantId', '=', A.merchant.id)
      .selectAll()
      .orderBy('id')
      .execute();
    expect(orders).toHaveLength(30);
    expect(new Set(orders.map((o) => o.checkoutId))).toEqual(new Set(made.map((r) => r.body.id)));
    for (const o of orders) {
      const mine = made.find((r) => r.body.id === o.checkoutId)!;
      expect(o).toMatchObject({ status: 'paid', totalCents: mine.body.totalCents, pointsEarned: 19 });
      const items = await db.selectFrom('orderItems').where('orderId', '=', o.id).selectAll().execute();
      expect(items).toMatchObject([{ productId: product.id, quantity: 1, payableCents: o.totalCents }]);
      const f = await db
        .selectFrom('fulfilments')
        .where('orderItemId', '=', items[0].id)
        .selectAll()
        .execute();
      expect(f).toMatchObject([{ status: 'awaiting_shipment' }]);
      const kinds = await db
        .selectFrom('commissionEntries')
        .where('orderId', '=', o.id)
        .select(['kind', 'beneficiaryId', 'amountCents'])
        .orderBy('kind')
        .execute();
      expect(kinds).toEqual([
        { kind: 'distributor_l1', beneficiaryId: referrer.id, amountCents: Math.floor(o.totalCents / 10) },
        { kind: 'shareholder_dividend', beneficiaryId: null, amountCents: Math.floor(o.totalCents / 100) },
      ]);
    }
    for (const action of ['payment.succeeded', 'order.paid']) {
      const n = await db
        .selectFrom('auditLog')
        .where('merchantId', '=', A.merchant.id)
        .where('action', '=', action)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(30);
    }
    // Points: a buyer paid twice in one batch has two ledger rows, each with its own balance.
    for (const b of buyers) {
      const ledger = await db
        .selectFrom('pointsLedger')
        .where('memberId', '=', b.id)
        .select(['delta', 'balanceAfter'])
        .orderBy('id')
        .execute();
      let balance = 0;
      for (const row of ledger) {
        balance += row.delta;
        expect(row.balanceAfter).toBe(balance);
      }
      const { pointsBalance } = (await owner.get(`/api/v1/members/${b.id}/commerce`)).body;
      expect(pointsBalance).toBe(balance);
      expect(ledger.length).toBe(orders.filter((o) => o.memberId === b.id).length);
    }
  },
  60_000,
);

it.skipIf(engine !== 'postgres')(
  'keyed checkouts go in batches too: a retry answers the same checkout, a changed request under the key is refused',
  async () => {
    const A = await seedMerchant(s, 'batch-keys');
    const owner = client(s.app, A.owner);
    const minter = await memberMinter(s, A.owner);
    const buyers = [];
    for (let i = 0; i < 15; i++) buyers.push(await minter.member(`137${String(i + 1).padStart(8, '0')}`));
    const product = (await owner.post('/api/v1/products', physical({ stock: 100, priceCents: 990 }))).body;
    const before = checkoutBatchStats(s.ctx);
    const buy = (token: string, key: string, quantity = 1) =>
      client(s.app, token, { 'idempotency-key': key }).post('/api/v1/shop/checkouts', {
        items: [{ productId: product.id, quantity }],
        buyer: ADDRESS,
      });
    // Every buyer presses twice under one key, at the same moment as everyone else.
    const sent = await Promise.all(
      buyers.flatMap((b, i) => [buy(b.token, `ck-${i}`), buy(b.token, `ck-${i}`)]),
    );
    for (let i = 0; i < 15; i++) {
      const [first, again] = sent.slice(2 * i, 2 * i + 2);
      expect(first!.status).toBe(201);
      expect(again!.status).toBe(201);
      expect(again!.body).toEqual(first!.body);
    }
    // Later, two units under a key already used: refused, whichever path answered the first.
    const changed = await buy(buyers[0]!.token, 'ck-0', 2);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const stats = checkoutBatchStats(s.ctx);
    expect(stats.items - before.items).toBe(sent.length + 1);
    expect(stats.failed).toBe(before.failed);
    // Most first presses were made by a batch (the rest, and every retry, by the full path).
    expect(stats.made - before.made).toBeGreaterThan(7);
    const rows = await s.ctx.db
      .selectFrom('checkouts')
      .where('merchantId', '=', A.merchant.id)
      .select(['id', 'memberId'])
      .execute();
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(15);
    expect((await owner.get(`/api/v1/products/${product.id}`)).body.stock).toBe(85);
    const keys = await s.ctx.db
      .selectFrom('idempotencyKeys')
      .where('merchantId', '=', A.merchant.id)
      .selectAll()
      .execute();
    expect(keys).toHaveLength(15);
    for (const k of keys) expect(k.statusCode).toBe(201);
  },
  60_000,
);
