// The one-statement claim on PostgreSQL: it grants exactly what the full path would, and when any
// part is refused it changes nothing at all (the full path then answers and records the refusal).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crowd, qrCampaign, vouchersOf } from '../../../test/campaign-harness.ts';
import { createTestServer, engine, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import * as repo from './campaign.repo.ts';
import { fastClaim } from './claim.fast.ts';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(() => s.close());

const itemsOf = async (campaignId: number) =>
  (await repo.claimItems(s.ctx.db, campaignId)).map(
    ({ itemId, itemQuantity, itemStock, itemClaimed, ...template }) => ({
      id: itemId,
      quantity: itemQuantity,
      stock: itemStock,
      claimed: itemClaimed,
      template,
    }),
  );

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
