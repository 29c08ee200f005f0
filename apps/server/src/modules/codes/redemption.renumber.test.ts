// A batch of online redemptions whose drawn order number is already taken (by another server
// process: six random digits per second collide now and then under load): the order is placed
// again under a new number, in the same batch, with its code, item, fulfilment and audit rows —
// nothing falls back or goes missing, whichever way the batch is written.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { shippedRewardLibrary } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { ADDRESS } from '../../../test/shop-harness.ts';
import { orderStamp } from '../commerce/order-placement.ts';
import { redemptionBatchStats } from './redemption.batch.ts';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, randomInt: vi.fn(real.randomInt) };
});

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

// With a daily limit the batch takes the locking path, whose statement places the order again;
// without, the batch's statement on its own writes nothing and runs again under new numbers. Both
// with keys, whose answers are stored with the order finally made.
it.skipIf(engine !== 'postgres').each([
  ['with a daily limit, in the locking path', 'renumber-limit', '1391000710', 10, 7],
  ['without, by the statement on its own', 'renumber-plain', '1391000720', 0, 8],
])(
  'an order whose drawn number is taken is placed again under a new one, in its batch: %s (postgres)',
  async (_, slug, phones, dailyLimit, drawn) => {
    const { A, minter, product, codes } = await shippedRewardLibrary(s, slug, 50, 2);
    await client(s.app, A.owner).put('/api/v1/codes/settings', {
      failWindowMinutes: 10,
      maxFailures: 5,
      freezeHours: 1,
      ipMaxFailures: 1000,
      dailyLimit,
    });
    const members = [await minter.member(`${phones}1`), await minter.member(`${phones}2`)];

    // Every number ending in `drawn` of the next minute is taken (as by another server process),
    // and the first draw gives `drawn` (a number of its own per case: this process never draws
    // one of its own numbers twice).
    const start = Date.now();
    const suffix = String(drawn).padStart(6, '0');
    const taken = Array.from({ length: 63 }, (_, i) => `${orderStamp(start + (i - 2) * 1000)}${suffix}`);
    await s.ctx.db
      .insertInto('orders')
      .values(
        taken.map((orderNo) => ({
          merchantId: A.merchant.id,
          memberId: members[0]!.id,
          checkoutId: null,
          orderNo,
          status: 'completed' as const,
          channel: 'purchase' as const,
          totalCents: 0,
          pointsUsed: 0,
          pointsEarned: 0,
          quote: '{}',
          buyer: '{}',
          paidAt: start,
          createdAt: start,
          updatedAt: start,
        })),
      )
      .execute();
    vi.mocked(randomInt).mockReturnValueOnce(drawn as never);

    /** Each member redeems their code, under a key of their own. */
    const redeemBoth = () =>
      Promise.all(
        members.map((m, i) =>
          client(s.app, m.token, { 'idempotency-key': `${slug}-${i}` }).post('/api/v1/redemption/redeem', {
            code: codes[i],
            productId: product.id,
            buyer: ADDRESS,
          }),
        ),
      );
    const before = redemptionBatchStats(s.ctx);
    const answers = await redeemBoth();
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(vi.mocked(randomInt)).toHaveReturnedWith(drawn);
    const stats = redemptionBatchStats(s.ctx);
    expect(stats.made - before.made).toBe(2);
    expect(stats.failed).toBe(before.failed);
    // The path taken: only the locking one counts the day's redemptions.
    const counted = await s.ctx.db
      .selectFrom('codeDailyCounts')
      .where('merchantId', '=', A.merchant.id)
      .select('redeemed')
      .execute();
    expect(counted.map((c) => c.redeemed)).toEqual(dailyLimit ? [1, 1] : []);
    // Each key answers again what was made.
    const again = await redeemBoth();
    expect(again.map((a) => a.body)).toEqual(answers.map((a) => a.body));

    for (const [i, a] of answers.entries()) {
      expect(a.body.orderNo.endsWith(suffix)).toBe(false);
      const order = await s.ctx.db
        .selectFrom('orders')
        .where('id', '=', a.body.orderId)
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(order).toMatchObject({ orderNo: a.body.orderNo, memberId: members[i]!.id, status: 'paid' });
      const code = await s.ctx.db
        .selectFrom('redemptionCodes')
        .where('id', '=', a.body.codeId)
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(code).toMatchObject({ state: 'redeemed', orderId: order.id, memberId: members[i]!.id });
      const item = await s.ctx.db
        .selectFrom('orderItems')
        .where('orderId', '=', order.id)
        .selectAll()
        .executeTakeFirstOrThrow();
      const fulfilment = await s.ctx.db
        .selectFrom('fulfilments')
        .where('orderItemId', '=', item.id)
        .select('status')
        .executeTakeFirstOrThrow();
      expect(fulfilment.status).toBe('awaiting_shipment');
      const audits = await s.ctx.db
        .selectFrom('auditLog')
        .where((eb) =>
          eb.or([
            eb.and([eb('action', '=', 'order.paid'), eb('targetId', '=', String(order.id))]),
            eb.and([eb('action', '=', 'code.redeem'), eb('targetId', '=', String(code.id))]),
            eb.and([eb('action', '=', 'checkout.redeem'), eb('targetId', '=', String(order.checkoutId))]),
          ]),
        )
        .select(['action', 'afterJson'])
        .execute();
      expect(audits.map((x) => x.action).sort()).toEqual(['checkout.redeem', 'code.redeem', 'order.paid']);
      expect(JSON.parse(audits.find((x) => x.action === 'code.redeem')!.afterJson!)).toMatchObject({
        orderId: order.id,
      });
    }
    // One checkout each, no orphan left by the number that was taken.
    const checkouts = await s.ctx.db
      .selectFrom('checkouts')
      .where('merchantId', '=', A.merchant.id)
      .select('id')
      .execute();
    expect(checkouts).toHaveLength(2);
    const { stock } = await s.ctx.db
      .selectFrom('products')
      .where('id', '=', product.id)
      .select('stock')
      .executeTakeFirstOrThrow();
    expect(stock).toBe(48);
  },
  60_000,
);
