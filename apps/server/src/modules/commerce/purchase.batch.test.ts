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
