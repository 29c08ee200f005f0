// A merchant's daily limit of redemptions per member (S0.9) taken by the batch's statement on its
// own (redemption.write.ts, dailyCte), read or foreseen: each member's day counted exactly, a batch
// whose member would go over writes nothing and every request gets its exact answer, a member the
// process knows at the limit is left out of a foreseen batch, and a time zone changed since the
// merchant's batches saw it fails the foreseen statement.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setDailyLimit, shippedRewardLibrary } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { ADDRESS } from '../../../test/shop-harness.ts';
import { redemptionBatchStats } from './redemption.batch.ts';
import { merchantDay } from './redemption.service.ts';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

async function setup(slug: string, phones: string, members: number, dailyLimit: number) {
  const made = await shippedRewardLibrary(s, slug, 100, 4 * members);
  await setDailyLimit(s, made.A.owner, dailyLimit);
  const ms: { id: number; token: string }[] = [];
  for (let i = 0; i < members; i++) ms.push(await made.minter.member(`${phones}${i}`));
  const redeem = (m: { token: string }, code: string) =>
    client(s.app, m.token).post('/api/v1/redemption/redeem', {
      code,
      productId: made.product.id,
      buyer: ADDRESS,
    });
  /** Each member given redeems the next code, all together. */
  let next = 0;
  const wave = (who: { token: string }[]) => Promise.all(who.map((m) => redeem(m, made.codes[next++]!)));
  return { ...made, ms, wave };
}

/** Each member's count of the merchant's day, and the codes redeemed. */
async function countedFor(merchantId: number) {
  const counts = await s.ctx.db
    .selectFrom('codeDailyCounts')
    .where('merchantId', '=', merchantId)
    .select(['memberId', 'day', 'redeemed'])
    .orderBy('memberId')
    .execute();
  const redeemed = await s.ctx.db
    .selectFrom('redemptionCodes')
    .where('merchantId', '=', merchantId)
    .where('state', '=', 'redeemed')
    .select('memberId')
    .execute();
  return { counts, redeemed: redeemed.length };
}

const stats = () => redemptionBatchStats(s.ctx);

/** Each answer's status and error code. */
const answersOf = (rs: { status: number; body: { error?: { code: string } } }[]) =>
  rs.map((r) => [r.status, r.body.error?.code]);

/** b, a and c together with a's day full: b's and c's written, a's refused. */
const A_REFUSED = [
  [201, undefined],
  [409, 'DAILY_REDEEM_LIMIT'],
  [201, undefined],
];

/** Each member's count of the day as [member, redeemed], and the codes redeemed. */
async function perMember(merchantId: number) {
  const c = await countedFor(merchantId);
  return { counts: c.counts.map((x) => [x.memberId, x.redeemed]), redeemed: c.redeemed };
}

it.skipIf(engine !== 'postgres')(
  'with a daily limit, batches are made by the statement on its own, foreseen too: each day counted exactly (postgres)',
  async () => {
    const { A, ms, wave } = await setup('daily-plain', '1392100100', 5, 2);
    const first = await wave(ms);
    expect(first.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const before = stats();
    const second = await wave(ms);
    expect(second.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(stats().foreseen.made).toBeGreaterThan(before.foreseen.made);
    expect(stats().foreseen.missed).toBe(before.foreseen.missed);
    // Each member's day is full: every third one is refused by the full path, nothing written.
    const third = await wave(ms);
    expect(third.map((r) => [r.status, r.body.error?.code])).toEqual(
      ms.map(() => [409, 'DAILY_REDEEM_LIMIT']),
    );
    const day = merchantDay('Asia/Shanghai', Date.now());
    const c = await countedFor(A.merchant.id);
    expect(c.counts).toEqual(ms.map((m) => ({ memberId: m.id, day, redeemed: 2 })));
    expect(c.redeemed).toBe(10);
  },
);

it.skipIf(engine !== 'postgres')(
  'a member this process knows at the limit is left out of a foreseen batch: the rest written by it, no statement failed (postgres)',
  async () => {
    const { A, ms, wave } = await setup('daily-known', '1392100400', 3, 1);
    const [a, b, c] = ms as [(typeof ms)[0], (typeof ms)[0], (typeof ms)[0]];
    // a's redemption went through this process: its day is known full.
    expect((await wave([a])).map((r) => r.status)).toEqual([201]);
    const before = stats();
    expect(answersOf(await wave([b, a, c]))).toEqual(A_REFUSED);
    expect(stats().foreseen.made).toBeGreaterThan(before.foreseen.made);
    expect(stats().foreseen.missed).toBe(before.foreseen.missed);
    // b's and c's days are known full now too: a batch of the three is left whole to the full path.
    const again = await wave([c, b, a]);
    expect(again.map((r) => r.body.error?.code)).toEqual(again.map(() => 'DAILY_REDEEM_LIMIT'));
    expect(stats().foreseen.missed).toBe(before.foreseen.missed);
    expect(await perMember(A.merchant.id)).toEqual({
      counts: [
        [a.id, 1],
        [b.id, 1],
        [c.id, 1],
      ],
      redeemed: 3,
    });
  },
);

it.skipIf(engine !== 'postgres')(
  'a member whose day would go over in a foreseen batch: nothing foreseen written, each request answered exactly (postgres)',
  async () => {
    const { A, ms, wave } = await setup('daily-over', '1392100200', 4, 1);
    const [a, b, c, d] = ms as [(typeof ms)[0], (typeof ms)[0], (typeof ms)[0], (typeof ms)[0]];
    expect((await wave([d])).map((r) => r.status)).toEqual([201]);
    // a's day filled by another server process: this one does not know it.
    await sql`insert into code_daily_counts (member_id, day, merchant_id, redeemed)
              values (${a.id}, ${merchantDay('Asia/Shanghai', Date.now())}, ${A.merchant.id}, 1)`.execute(
      s.ctx.db,
    );
    const before = stats();
    // a's day is full; b and c have theirs. Together, foreseen: a's count fails the statement whole.
    expect(answersOf(await wave([b, a, c]))).toEqual(A_REFUSED);
    expect(stats().foreseen.missed).toBeGreaterThan(before.foreseen.missed);
    expect(await perMember(A.merchant.id)).toEqual({
      counts: [
        [a.id, 1],
        [b.id, 1],
        [c.id, 1],
        [d.id, 1],
      ],
      redeemed: 3,
    });
  },
);

it.skipIf(engine !== 'postgres')(
  'a time zone changed since the batches saw it: the foreseen statement writes nothing, the day is the new one (postgres)',
  async () => {
    const { A, ms, wave } = await setup('daily-zone', '1392100300', 1, 5);
    expect((await wave(ms)).map((r) => r.status)).toEqual([201]);
    // Twelve hours ahead of the merchant's zone: most hours of the day, another date.
    await sql`update merchants set time_zone = 'America/New_York' where id = ${A.merchant.id}`.execute(
      s.ctx.db,
    );
    const before = stats();
    expect((await wave(ms)).map((r) => r.status)).toEqual([201]);
    expect(stats().foreseen.missed).toBeGreaterThan(before.foreseen.missed);
    const at = Date.now();
    const days = (await countedFor(A.merchant.id)).counts.map((x) => [x.day, x.redeemed]).sort();
    const [old, now] = [merchantDay('Asia/Shanghai', at), merchantDay('America/New_York', at)];
    expect(days).toEqual(
      old === now
        ? [[now, 2]]
        : [
            [now, 1],
            [old, 1],
          ].sort(),
    );
  },
);
