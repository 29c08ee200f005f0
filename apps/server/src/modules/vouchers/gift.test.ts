import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { memberMinter } from '../../../test/shop-harness.ts';
import { activeTemplate, requestNo } from '../../../test/voucher-harness.ts';
import { sweepOnce } from '../commerce/sweepers.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let minter: Awaited<ReturnType<typeof memberMinter>>;
let giving: { id: number };

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'gifts');
  minter = await memberMinter(s, A.owner);
  giving = await activeTemplate(s, A.merchant.id, { isGiving: 1 });
});
afterAll(() => s.close());

async function voucherFor(memberId: number, templateId = giving.id) {
  const r = await client(s.app, A.owner).post('/api/v1/vouchers/grants', { templateId, memberId });
  return r.body[0].id as number;
}

describe('gifting', () => {
  it('only transferable vouchers; a pending gift locks the voucher; 5 wrong codes cancel it', async () => {
    const giver = await minter.member('13400000001');
    const other = await minter.member('13400000002');
    const plain = await activeTemplate(s, A.merchant.id);
    const locked = await voucherFor(giver.id, plain.id);
    expect(
      (await client(s.app, giver.token).post(`/api/v1/wallet/vouchers/${locked}/gift`)).body.error.code,
    ).toBe('GIFT_NOT_ALLOWED');

    const v = await voucherFor(giver.id);
    const gift = await client(s.app, giver.token).post(`/api/v1/wallet/vouchers/${v}/gift`);
    expect(gift.status).toBe(201);
    expect(gift.body.code).toMatch(/^\d{6}$/);
    expect(gift.body.shareUrl).toContain(`/h5/gifts/gifts/${gift.body.giftId}`);
    const code = (await client(s.app, giver.token).get(`/api/v1/wallet/vouchers/${v}`)).body.code;
    const verify = await client(s.app, A.owner).post('/api/v1/verifications', {
      code,
      storeId: A.store1.id,
      requestNo: requestNo(),
    });
    expect(verify.body.error.code).toBe('VOUCHER_GIFTING');
    expect(
      (
        await client(s.app, giver.token).post(`/api/v1/wallet/gifts/${gift.body.giftId}/accept`, {
          code: gift.body.code,
        })
      ).body.error.code,
    ).toBe('GIFT_OWN');

    const wrong = gift.body.code === '000000' ? '111111' : '000000';
    const accept = () =>
      client(s.app, other.token).post(`/api/v1/wallet/gifts/${gift.body.giftId}/accept`, { code: wrong });
    for (let left = 4; left >= 1; left--) {
      const r = await accept();
      expect(r.body.error.code).toBe('GIFT_CODE_INVALID');
      expect(r.body.error.details.triesLeft).toBe(left);
    }
    expect((await accept()).body.error.code).toBe('GIFT_CANCELLED_TOO_MANY_TRIES');
    const right = await client(s.app, other.token).post(`/api/v1/wallet/gifts/${gift.body.giftId}/accept`, {
      code: gift.body.code,
    });
    expect(right.body.error.code).toBe('GIFT_NOT_AVAILABLE');
    const back = await client(s.app, giver.token).get(`/api/v1/wallet/vouchers/${v}`);
    expect(back.body).toMatchObject({ state: 'unused', memberId: giver.id });
  });

  it('two receivers with the right code at once: exactly one wins', async () => {
    const giver = await minter.member('13400000011');
    const r1 = await minter.member('13400000012');
    const r2 = await minter.member('13400000013');
    const v = await voucherFor(giver.id);
    const gift = (await client(s.app, giver.token).post(`/api/v1/wallet/vouchers/${v}/gift`)).body;
    const answers = await Promise.all(
      [r1, r2, r1, r2].map((r) =>
        client(s.app, r.token).post(`/api/v1/wallet/gifts/${gift.giftId}/accept`, { code: gift.code }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const winner = answers.findIndex((a) => a.status === 200);
    const owner = await s.ctx.db
      .selectFrom('vouchers')
      .where('id', '=', v)
      .select(['memberId', 'state'])
      .executeTakeFirstOrThrow();
    expect(owner).toEqual({ memberId: [r1, r2, r1, r2][winner].id, state: 'unused' });
    expect((await client(s.app, giver.token).get(`/api/v1/wallet/vouchers/${v}`)).status).toBe(404);
  });

  it('an unaccepted gift returns to the giver after 24 h; the giver can also take it back', async () => {
    const giver = await minter.member('13400000021');
    const v = await voucherFor(giver.id);
    await client(s.app, giver.token).post(`/api/v1/wallet/vouchers/${v}/gift`);
    await sweepOnce(s.ctx, Date.now() + 25 * 3_600_000);
    expect((await client(s.app, giver.token).get(`/api/v1/wallet/vouchers/${v}`)).body.state).toBe('unused');
    const again = (await client(s.app, giver.token).post(`/api/v1/wallet/vouchers/${v}/gift`)).body;
    const cancelled = await client(s.app, giver.token).post(`/api/v1/wallet/gifts/${again.giftId}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await client(s.app, giver.token).get(`/api/v1/wallet/vouchers/${v}`)).body.state).toBe('unused');
  });

  it('the giver sees the pending gift again; the receiver sees what it is; other merchants see nothing', async () => {
    const giver = await minter.member('13400000041');
    const friend = await minter.member('13400000042');
    const v = await voucherFor(giver.id);
    const me = client(s.app, giver.token);
    expect((await me.get(`/api/v1/wallet/vouchers/${v}/gift`)).status).toBe(404);
    const started = (await me.post(`/api/v1/wallet/vouchers/${v}/gift`)).body;
    expect(started.shareUrl).toMatch(new RegExp(`/h5/gifts/gifts/${started.giftId}$`));
    expect((await me.get(`/api/v1/wallet/vouchers/${v}/gift`)).body).toEqual(started);
    expect((await me.post(`/api/v1/wallet/vouchers/${v}/gift`)).body.error.code).toBe('VOUCHER_GIFTING');
    expect((await me.get(`/api/v1/wallet/vouchers/${v}`)).body.shownState).toBe('gifting');
    expect((await client(s.app, friend.token).get(`/api/v1/wallet/vouchers/${v}/gift`)).status).toBe(404);

    const seen = await client(s.app, friend.token).get(`/api/v1/wallet/gifts/${started.giftId}`);
    expect(seen.body).toMatchObject({
      voucherId: v,
      kind: 'exchange',
      giverPhone: '134****0041',
      status: 'pending',
      triesLeft: 5,
      viewer: 'other',
    });
    expect(Date.parse(seen.body.validUntil)).toBeGreaterThan(Date.parse(seen.body.validFrom));
    expect((await me.get(`/api/v1/wallet/gifts/${started.giftId}`)).body.viewer).toBe('giver');

    const B = await seedMerchant(s, 'gifts-b');
    const outsider = await (await memberMinter(s, B.owner)).member('13400000043');
    const far = client(s.app, outsider.token);
    expect((await far.get(`/api/v1/wallet/gifts/${started.giftId}`)).status).toBe(404);
    expect(
      (await far.post(`/api/v1/wallet/gifts/${started.giftId}/accept`, { code: started.code })).status,
    ).toBe(404);
    expect((await far.post(`/api/v1/wallet/gifts/${started.giftId}/cancel`)).status).toBe(409);
    expect((await far.get('/api/v1/wallet/gifts/abc')).status).toBe(400);
    expect(
      (
        await client(s.app, friend.token).post(`/api/v1/wallet/gifts/${started.giftId}/accept`, {
          code: '12',
        })
      ).status,
    ).toBe(400);

    const accepted = await client(s.app, friend.token).post(`/api/v1/wallet/gifts/${started.giftId}/accept`, {
      code: started.code,
    });
    expect(accepted.body).toEqual({ voucherId: v });
    const after = await client(s.app, friend.token).get(`/api/v1/wallet/gifts/${started.giftId}`);
    expect(after.body).toMatchObject({ status: 'accepted', viewer: 'receiver' });
    expect((await me.get(`/api/v1/wallet/vouchers/${v}/gift`)).status).toBe(404);
  });

  it('a pending gift past its 24 h reads expired and cannot be accepted before the sweeper returns it', async () => {
    const giver = await minter.member('13400000051');
    const friend = await minter.member('13400000052');
    const v = await voucherFor(giver.id);
    const gift = (await client(s.app, giver.token).post(`/api/v1/wallet/vouchers/${v}/gift`)).body;
    await s.ctx.db
      .updateTable('voucherGifts')
      .set({ expiresAt: Date.now() - 1000 })
      .where('id', '=', gift.giftId)
      .execute();
    const seen = await client(s.app, friend.token).get(`/api/v1/wallet/gifts/${gift.giftId}`);
    expect(seen.body.status).toBe('expired');
    const late = await client(s.app, friend.token).post(`/api/v1/wallet/gifts/${gift.giftId}/accept`, {
      code: gift.code,
    });
    expect(late.body.error.code).toBe('GIFT_NOT_AVAILABLE');
  });
});

describe('evaluation', () => {
  it('one evaluation per used voucher, with averages per template and store for the merchant', async () => {
    const m = await minter.member('13400000031');
    const v = await voucherFor(m.id);
    const me = client(s.app, m.token);
    expect(
      (await me.post(`/api/v1/wallet/vouchers/${v}/evaluation`, { score: 5, text: '好' })).body.error.code,
    ).toBe('NOT_USED_YET');
    const code = (await me.get(`/api/v1/wallet/vouchers/${v}`)).body.code;
    await client(s.app, A.verifier).post('/api/v1/verifications', {
      code,
      storeId: A.store1.id,
      requestNo: requestNo(),
    });
    const first = await me.post(`/api/v1/wallet/vouchers/${v}/evaluation`, { score: 4, text: '咖啡不错' });
    expect(first.status).toBe(201);
    expect(
      (await me.post(`/api/v1/wallet/vouchers/${v}/evaluation`, { score: 1, text: 'x' })).body.error.code,
    ).toBe('ALREADY_EVALUATED');
    expect((await me.post(`/api/v1/wallet/vouchers/${v}/evaluation`, { score: 9, text: 'x' })).status).toBe(
      400,
    );
    const list = await client(s.app, A.owner).get('/api/v1/evaluations');
    expect(list.body.items[0]).toMatchObject({ score: 4, text: '咖啡不错', storeId: A.store1.id });
    expect(list.body.byStore).toMatchObject([{ storeId: A.store1.id, average: 4, count: 1 }]);
  });
});
