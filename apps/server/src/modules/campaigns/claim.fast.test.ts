// The one-statement claim on PostgreSQL: it grants exactly what the full path would, and when any
// part is refused it changes nothing at all (the full path then answers and records the refusal).
import type { Voucher } from '@kaquan/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crowd, qrCampaign, vouchersOf } from '../../../test/campaign-harness.ts';
import { createTestServer, engine, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { openAnswer } from '../../http/idempotency.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import * as repo from './campaign.repo.ts';
import { fastClaim, fastClaimStats, pgArray } from './claim.fast.ts';

let s: TestServer;
const noKey = { idem: null, show: () => ({}) as Voucher };
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

const itemsOf = (campaignId: number) => repo.claimItems(s.ctx.db, campaignId);

it.skipIf(engine !== 'postgres')(
  'grants every item in one statement, and changes nothing when refused',
  async () => {
    const A = await seedMerchant(s, 'fastc');
    const { campaign, templates } = await qrCampaign(
      s,
      A.merchant.id,
      A.owner,
      [
        { quantity: 2, stock: 10 },
        { quantity: 1, stock: 1 },
      ],
      { repeatRule: 'once' },
    );
    const [m1, m2] = await crowd(s, A.merchant.id, 13910007500, 2);
    const member = async (id: number) =>
      s.ctx.db.selectFrom('members').where('id', '=', id).selectAll().executeTakeFirstOrThrow();
    const row = async () => (await repo.findCampaign(s.ctx.db, A.merchant.id, campaign.id))!;

    const done = await fastClaim(
      s.ctx,
      await row(),
      await itemsOf(campaign.id),
      await member(m1.id),
      SYSTEM_ACTOR,
      Date.now(),
      noKey,
    );
    expect(done).not.toBeNull();
    expect(done!.vouchers).toHaveLength(3);
    expect(done!.items.map((i) => i.claimed).sort()).toEqual([1, 2]);
    expect(await vouchersOf(s, templates[0].id)).toBe(2);
    const record = await s.ctx.db
      .selectFrom('campaignClaims')
      .where('id', '=', done!.claimId)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(record.voucherIds)).toHaveLength(3);

    // Once per member: the same member again is refused, and so is another member now that item 2 is out.
    for (const m of [m1, m2]) {
      const again = await fastClaim(
        s.ctx,
        await row(),
        await itemsOf(campaign.id),
        await member(m.id),
        SYSTEM_ACTOR,
        Date.now(),
        noKey,
      );
      expect(again).toBeNull();
    }
    expect(await vouchersOf(s, templates[0].id)).toBe(2);
    expect(await vouchersOf(s, templates[1].id)).toBe(1);
    const after = await itemsOf(campaign.id);
    expect(after.map((i) => i.claimed)).toEqual([2, 1]);
    expect((await row()).claims).toBe(1);
    const m2Claims = await repo.memberClaim(s.ctx.db, campaign.id, m2.id);
    expect(m2Claims).toBeUndefined();
  },
);

it.skipIf(engine !== 'postgres')(
  'claims sent together share one statement, and each is all or nothing on its own',
  async () => {
    const A = await seedMerchant(s, 'fastb');
    // Item 1 has stock for 3 claims, item 2 for 8: the 4th claim and later find item 1 out.
    const { campaign, templates } = await qrCampaign(
      s,
      A.merchant.id,
      A.owner,
      [
        { quantity: 2, stock: 6 },
        { quantity: 1, stock: 8 },
      ],
      { repeatRule: 'once' },
    );
    const crowdOf = await crowd(s, A.merchant.id, 13910007600, 6);
    const members = await s.ctx.db
      .selectFrom('members')
      .where(
        'id',
        'in',
        crowdOf.map((m) => m.id),
      )
      .selectAll()
      .execute();
    const c = (await repo.findCampaign(s.ctx.db, A.merchant.id, campaign.id))!;
    const items = await itemsOf(campaign.id);
    const before = fastClaimStats(s.ctx);
    // Six members plus the first member twice more ("once" refuses those), all at the same moment.
    const claimers = [...members, members[0], members[0]];
    const answers = await Promise.all(
      claimers.map((m) => fastClaim(s.ctx, c, items, m, SYSTEM_ACTOR, Date.now(), noKey)),
    );
    const after = fastClaimStats(s.ctx);
    expect(after.items - before.items).toBe(claimers.length);
    expect(after.batches - before.batches).toBeLessThan(claimers.length);

    const granted = answers.filter((a) => a !== null);
    expect(granted).toHaveLength(3);
    for (const g of granted) expect(g!.vouchers).toHaveLength(3);
    // The first member got at most one grant; nothing of a refused claim is left behind.
    const firstGrants = answers.filter((a, i) => a !== null && claimers[i].id === members[0].id);
    expect(firstGrants.length).toBeLessThanOrEqual(1);
    expect(await vouchersOf(s, templates[0].id)).toBe(6);
    expect(await vouchersOf(s, templates[1].id)).toBe(3);
    expect((await itemsOf(campaign.id)).map((i) => i.claimed)).toEqual([6, 3]);
    expect((await repo.findCampaign(s.ctx.db, A.merchant.id, campaign.id))!.claims).toBe(3);
    const counters = await s.ctx.db
      .selectFrom('campaignMemberClaims')
      .where('campaignId', '=', campaign.id)
      .select((eb) => eb.fn.sum<number>('claims').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counters.n)).toBe(3);
    const records = await s.ctx.db
      .selectFrom('campaignClaims')
      .where('campaignId', '=', campaign.id)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(records.n)).toBe(3);
  },
);

it.skipIf(engine !== 'postgres')(
  'a keyed claim stores its first answer with the claim; the same key again is left to the full path',
  async () => {
    const A = await seedMerchant(s, 'fastk');
    const { campaign } = await qrCampaign(s, A.merchant.id, A.owner, [{ quantity: 2, stock: 10 }], {
      repeatRule: 'unlimited',
    });
    const [m1] = await crowd(s, A.merchant.id, 13910007700, 1);
    const member = await s.ctx.db
      .selectFrom('members')
      .where('id', '=', m1.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    const c = (await repo.findCampaign(s.ctx.db, A.merchant.id, campaign.id))!;
    const idem = { merchantId: A.merchant.id, key: 'press-1', fingerprint: 'fp-1' };
    const keyed = {
      idem,
      show: (row: { id: number; codeTail: string }, _t: unknown, code: string) =>
        ({ id: row.id, tail: row.codeTail, code, shown: true }) as unknown as Voucher,
    };
    const done = await fastClaim(
      s.ctx,
      c,
      await itemsOf(campaign.id),
      member,
      SYSTEM_ACTOR,
      Date.now(),
      keyed,
    );
    expect(done).not.toBeNull();
    const stored = await s.ctx.db
      .selectFrom('idempotencyKeys')
      .where('merchantId', '=', A.merchant.id)
      .where('key', '=', 'press-1')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ fingerprint: 'fp-1', statusCode: 201 });
    // The answer holds the vouchers' codes: it is stored sealed, and a replay opens it whole.
    for (const v of done!.vouchers) expect(stored.responseBody).not.toContain(v.code);
    expect(openAnswer(s.ctx.keys, stored.responseBody)).toEqual({
      claimId: done!.claimId,
      vouchers: done!.vouchers.map((v) => ({
        id: v.row.id,
        tail: v.row.codeTail,
        code: v.code,
        shown: true,
      })),
    });
    const again = await fastClaim(
      s.ctx,
      c,
      await itemsOf(campaign.id),
      member,
      SYSTEM_ACTOR,
      Date.now(),
      keyed,
    );
    expect(again).toBeNull();
    expect((await repo.findCampaign(s.ctx.db, A.merchant.id, campaign.id))!.claims).toBe(1);
  },
);

it.skipIf(engine !== 'postgres')(
  'array literals survive quotes, backslashes, JSON, empty strings and nulls',
  async () => {
    const values = ['a"b', 'c\\d', '{"x":1,"y":"q\\"z"}', 'NULL', '', ' sp ', 'c12:ab_-:5#1', '中文', null];
    const r = await sql<{
      t: (string | null)[];
    }>`select (${JSON.stringify([pgArray(values)])}::jsonb->>0)::text[] as t`.execute(s.ctx.db);
    expect(r.rows[0].t).toEqual(values);
  },
);
