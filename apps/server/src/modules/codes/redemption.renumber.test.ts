// A batch of online redemptions whose drawn order number is already taken (by another server
// process: six random digits per second collide now and then under load): the order is placed
// again under a new number, in the same batch, with its code, item, fulfilment and audit rows —
// nothing falls back or goes missing, whichever way the batch is written.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { setDailyLimit, shippedRewardLibrary } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { ADDRESS } from '../../../test/shop-harness.ts';
import { orderStamp } from '../commerce/order-placement.ts';
import { redemptionBatchStats } from './redemption.batch.ts';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, randomInt: vi.fn(real.randomInt) };
});

const seam = vi.hoisted(() => ({
  /** False: the statement on its own is not run, as when it found something changed. */
  alone: true,
  /** Per statement on its own: the redemptions it wrote, 'nothing', or 'not run'. */
  results: [] as (number | 'nothing' | 'not run')[],
}));

vi.mock('./redemption.write.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./redemption.write.ts')>();
  type Args = Parameters<typeof real.writeWaitingRedemptionsAlone>;
  return {
    ...real,
    writeWaitingRedemptionsAlone: async (...args: Args) => {
      if (!seam.alone) {
        seam.results.push('not run');
        return null;
      }
      const made = await real.writeWaitingRedemptionsAlone(...args);
      seam.results.push(made === null ? 'nothing' : made.length);
      return made;
    },
  };
});

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

// In the locking path (the statement on its own not run, as when it found something changed) the
// order is placed again by the locking path's statement; by the statement on its own, it writes
// nothing and runs again under new numbers. All with keys, whose answers are stored with the order
// finally made; with a daily limit, each member's day counted once.
it.skipIf(engine !== 'postgres').each([
  ['in the locking path, with a daily limit', 'renumber-limit', '1391000710', 10, 7, false],
  ['by the statement on its own, without a daily limit', 'renumber-plain', '1391000720', 0, 8, true],
  ['by the statement on its own, with a daily limit', 'renumber-daily', '1391000730', 10, 9, true],
])(
  'an order whose drawn number is taken is placed again under a new one, in its batch: %s (postgres)',
  async (_, slug, phones, dailyLimit, drawn, alone) => {
    seam.alone = alone;
    seam.results = [];
    const { A, minter, product, codes } = await shippedRewardLibrary(s, slug, 50, 2);
    await setDailyLimit(s, A.owner, dailyLimit);
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
    // The path taken: the statement on its own failed (the number taken), then made both (in one
    // batch or two, as the requests arrived); or it never ran and the locking path made them.
    const made = seam.results.filter((r) => typeof r === 'number');
    if (alone) {
      expect(made.reduce((n, r) => n + r, 0)).toBe(2);
      expect(seam.results).toContain('nothing');
    } else {
      expect(made).toEqual([]);
      expect(seam.results).toContain('not run');
    }
    seam.alone = true;
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
