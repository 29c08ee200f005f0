// An online redemption by a member session this process found live a moment ago skips its lookup:
// the batch proves the session before it writes (redemption.write.ts, liveSessions). Here the
// session is right, and then wrong in each way it can be — revoked by another process, expired,
// the member blocked, the merchant suspended, the member's phone changed, a logout here — both in
// the statement on its own and in the locking path (a daily limit): nothing is written for a
// session no longer live, and the request gets exactly the lookup's answer.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setDailyLimit, shippedRewardLibrary } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { ADDRESS } from '../../../test/shop-harness.ts';
import { now } from '../../lib/time.ts';
import { memberLookupStats } from '../tenancy/session.lookup.ts';
import { redemptionBatchStats } from './redemption.batch.ts';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

const lookups = () => memberLookupStats(s.ctx).items;
const foreseen = () => redemptionBatchStats(s.ctx).foreseen;

async function setup(slug: string, phone: string, dailyLimit: number) {
  const made = await shippedRewardLibrary(s, slug, 100, 6);
  await setDailyLimit(s, made.A.owner, dailyLimit);
  const m = await made.minter.member(phone);
  const redeem = (code: string, token = m.token) =>
    client(s.app, token).post('/api/v1/redemption/redeem', {
      code,
      productId: made.product.id,
      buyer: ADDRESS,
    });
  return { ...made, m, redeem };
}

/** The merchant's code.redeem audit rows (actor id and name), the codes redeemed and the orders. */
async function writtenFor(merchantId: number) {
  const db = s.ctx.db;
  const audits = await db
    .selectFrom('auditLog')
    .where('merchantId', '=', merchantId)
    .where('action', '=', 'code.redeem')
    .select(['actorId', 'actorName'])
    .orderBy('id')
    .execute();
  const codes = await db
    .selectFrom('redemptionCodes')
    .where('merchantId', '=', merchantId)
    .where('state', '=', 'redeemed')
    .select(['memberId'])
    .execute();
  const orders = await db
    .selectFrom('orders')
    .where('merchantId', '=', merchantId)
    .select('memberId')
    .execute();
  return { audits, codes, orders };
}

it.skipIf(engine !== 'postgres')(
  'a session a lookup found live is not looked up again: each batch proves it, the rows name the member (postgres)',
  async () => {
    const { A, m, codes, redeem } = await setup('sess-plain', '13920002001', 0);
    expect((await redeem(codes[0]!)).status).toBe(201);
    const looked = lookups();
    // One after another (each its own batch), then three together.
    expect((await redeem(codes[1]!)).status).toBe(201);
    const together = await Promise.all(codes.slice(2, 5).map((c) => redeem(c)));
    expect(together.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(lookups()).toBe(looked);

    const w = await writtenFor(A.merchant.id);
    expect(w.audits).toEqual(w.audits.map(() => ({ actorId: m.id, actorName: '13920002001' })));
    expect(w.audits).toHaveLength(5);
    expect(w.codes.map((c) => Number(c.memberId))).toEqual([m.id, m.id, m.id, m.id, m.id]);
    expect(w.orders.map((o) => Number(o.memberId))).toEqual([m.id, m.id, m.id, m.id, m.id]);
  },
);

type Change = (ids: { merchantId: number; memberId: number }) => Promise<unknown>;
const revoked: Change = ({ memberId }) =>
  s.ctx.db.updateTable('sessions').set({ revokedAt: now() }).where('memberId', '=', memberId).execute();
const expired: Change = ({ memberId }) =>
  s.ctx.db
    .updateTable('sessions')
    .set({ expiresAt: now() - 1 })
    .where('memberId', '=', memberId)
    .execute();
const blocked: Change = ({ memberId }) =>
  s.ctx.db.updateTable('members').set({ status: 'blocked' }).where('id', '=', memberId).execute();
const suspended: Change = ({ merchantId }) =>
  sql`update merchants set status = 'suspended' where id = ${merchantId}`.execute(s.ctx.db);

const cases: [string, Change, number, string][] = [
  ['revoked by another process', revoked, 401, 'UNAUTHENTICATED'],
  ['expired', expired, 401, 'UNAUTHENTICATED'],
  ['the member blocked', blocked, 403, 'MEMBER_BLOCKED'],
  ['the merchant suspended', suspended, 403, 'MERCHANT_SUSPENDED'],
];

it.skipIf(engine !== 'postgres').each(
  [0, 3].flatMap((dailyLimit) =>
    cases.map(([what, change, status, code], i) => ({
      what,
      change,
      status,
      code,
      dailyLimit,
      i,
      path: dailyLimit ? 'a daily limit: the locking path' : 'the statement on its own',
    })),
  ),
)(
  'a session $what since its lookup, $path: nothing written, the lookup answers (postgres)',
  async ({ change, status, code, dailyLimit, i }) => {
    const { A, m, codes, redeem } = await setup(
      `sess-${dailyLimit}-${i}`,
      `1392000${dailyLimit}1${i}0`,
      dailyLimit,
    );
    expect((await redeem(codes[0]!)).status).toBe(201);
    const looked = lookups();
    const missed = foreseen().missed;
    await change({ merchantId: A.merchant.id, memberId: m.id });

    const r = await redeem(codes[1]!);
    expect([r.status, r.body.error?.code]).toEqual([status, code]);
    // The batch could not prove the session: the request was looked up, which refused it.
    expect(lookups()).toBeGreaterThan(looked);
    // Without a daily limit the foreseen statement found the session changed and wrote nothing.
    if (dailyLimit === 0) expect(foreseen().missed).toBeGreaterThan(missed);
    const w = await writtenFor(A.merchant.id);
    expect([w.audits.length, w.codes.length, w.orders.length]).toEqual([1, 1, 1]);
  },
);

it.skipIf(engine !== 'postgres')(
  "a member's phone changed since the lookup: made as the member is now, the audit naming the new phone (postgres)",
  async () => {
    const { A, m, codes, redeem } = await setup('sess-phone', '13920003001', 0);
    expect((await redeem(codes[0]!)).status).toBe(201);
    const looked = lookups();
    await s.ctx.db.updateTable('members').set({ phone: '13920003999' }).where('id', '=', m.id).execute();
    expect((await redeem(codes[1]!)).status).toBe(201);
    expect(lookups()).toBeGreaterThan(looked);
    // Looked up again, the session is kept as it is now: the next one is not looked up.
    const again = lookups();
    expect((await redeem(codes[2]!)).status).toBe(201);
    expect(lookups()).toBe(again);
    const names = (await writtenFor(A.merchant.id)).audits.map((a) => a.actorName);
    expect(names).toEqual(['13920003001', '13920003999', '13920003999']);
  },
);

it.skipIf(engine !== 'postgres')(
  'a logout here forgets the session: the next redemption is looked up and refused (postgres)',
  async () => {
    const { A, m, codes, redeem } = await setup('sess-logout', '13920004001', 0);
    expect((await redeem(codes[0]!)).status).toBe(201);
    expect((await client(s.app, m.token).post('/api/v1/member/logout', {})).status).toBe(204);
    const looked = lookups();
    const missed = foreseen().missed;
    const r = await redeem(codes[1]!);
    expect([r.status, r.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(lookups()).toBeGreaterThan(looked);
    // Forgotten, the session never reached a statement.
    expect(foreseen().missed).toBe(missed);
    expect((await writtenFor(A.merchant.id)).codes).toHaveLength(1);
  },
);
