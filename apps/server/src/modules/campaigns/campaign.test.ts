// Campaigns over HTTP: create, claim, edit without moving the QR, stock rules, pause, the claim
// records and their export, store campaigns, and the exact once / cooldown / all-or-nothing rules.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { qrCampaign, vouchersOf } from '../../../test/campaign-harness.ts';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { memberMinter } from '../../../test/shop-harness.ts';
import { activeTemplate } from '../../../test/voucher-harness.ts';
import { fastClaimStats } from './claim.fast.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let B: Awaited<ReturnType<typeof seedMerchant>>;
let minter: Awaited<ReturnType<typeof memberMinter>>;
let phone = 13910007000;
const member = () => minter.member(String(phone++));

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'camp-a');
  B = await seedMerchant(s, 'camp-b');
  minter = await memberMinter(s, A.owner);
});
afterAll(() => s.close());

const claim = (token: string, memberToken: string, headers?: Record<string, string>) =>
  client(s.app, memberToken).post(`/api/v1/claim/${token}`, {}, headers);

describe('QR campaigns (S3)', () => {
  it('a claim grants every item into the wallet, and the record lists it', async () => {
    const { campaign, token, templates } = await qrCampaign(s, A.merchant.id, A.owner, [
      { quantity: 2, stock: 10 },
      { quantity: 1, stock: 5 },
    ]);
    expect(campaign.shownStatus).toBe('active');
    expect(campaign.link).toBe(`http://kaquan.test/h5/camp-a/c/${token}`);
    const m = await member();
    const page = await client(s.app, m.token).get(`/api/v1/claim/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: { quantity: number }) => i.quantity)).toEqual([2, 1]);

    const res = await claim(token, m.token);
    expect(res.status).toBe(201);
    expect(res.body.vouchers).toHaveLength(3);
    const wallet = await client(s.app, m.token).get('/api/v1/wallet/vouchers?state=unused');
    expect(wallet.body.items.map((v: { templateId: number }) => v.templateId).sort()).toEqual(
      [templates[0].id, templates[0].id, templates[1].id].sort(),
    );
    expect(wallet.body.items[0].channel).toBe('campaign');

    const after = await client(s.app, A.owner).get(`/api/v1/campaigns/${campaign.id}`);
    expect(after.body.items.map((i: { remaining: number }) => i.remaining)).toEqual([8, 4]);
    expect(after.body.claims).toBe(1);
    const records = await client(s.app, A.owner).get(`/api/v1/campaigns/${campaign.id}/claims`);
    expect(records.body.items[0]).toMatchObject({ memberId: m.id, result: 'granted' });
    expect(records.body.items[0].voucherIds).toHaveLength(3);
  });

  it('editing keeps the QR and link; stock cannot go below what was claimed', async () => {
    const { campaign, token, templates } = await qrCampaign(s, A.merchant.id, A.owner, [
      { quantity: 1, stock: 10 },
    ]);
    const o = client(s.app, A.owner);
    const qrBefore = await s.app.inject({
      url: `/api/v1/campaigns/${campaign.id}/qr.svg`,
      headers: { authorization: `Bearer ${A.owner}` },
    });
    expect(qrBefore.statusCode).toBe(200);
    expect(qrBefore.headers['content-type']).toContain('image/svg+xml');
    for (let i = 0; i < 3; i++) expect((await claim(token, (await member()).token)).status).toBe(201);

    const edited = await o.patch(`/api/v1/campaigns/${campaign.id}`, { name: '新名字', repeatRule: 'once' });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('新名字');
    expect(edited.body.link).toBe(campaign.link);
    const t2 = await activeTemplate(s, A.merchant.id);
    const item = campaign.items[0];
    const swapped = await o.put(`/api/v1/campaigns/${campaign.id}/items`, {
      items: [
        { id: item.id, templateId: templates[0].id, quantity: 2, stock: 20 },
        { templateId: t2.id, quantity: 1, stock: 5 },
      ],
    });
    expect(swapped.status).toBe(200);
    expect(swapped.body.link).toBe(campaign.link);
    expect(swapped.body.items).toMatchObject([
      { id: item.id, quantity: 2, stock: 20, claimed: 3, remaining: 17 },
      { templateId: t2.id, quantity: 1, stock: 5, claimed: 0 },
    ]);
    const qrAfter = await s.app.inject({
      url: `/api/v1/campaigns/${campaign.id}/qr.svg`,
      headers: { authorization: `Bearer ${A.owner}` },
    });
    expect(qrAfter.body).toBe(qrBefore.body);

    const lowered = await o.put(`/api/v1/campaigns/${campaign.id}/items`, {
      items: [{ id: item.id, templateId: templates[0].id, quantity: 2, stock: 2 }],
    });
    expect(lowered.status).toBe(409);
    expect(lowered.body.error.code).toBe('STOCK_BELOW_CLAIMED');
    const unchanged = await o.get(`/api/v1/campaigns/${campaign.id}`);
    expect(unchanged.body.items).toHaveLength(2);
    // The change takes effect at once: the next claim gets 2 + 1 vouchers.
    const next = await claim(token, (await member()).token);
    expect(next.body.vouchers).toHaveLength(3);
  });

  it('paused or ended answers 活动已结束; start again; the campaign pauses itself when sold out', async () => {
    const { campaign, token } = await qrCampaign(s, A.merchant.id, A.owner, [{ quantity: 1, stock: 2 }]);
    const o = client(s.app, A.owner);
    expect((await o.post(`/api/v1/campaigns/${campaign.id}/pause`)).body.shownStatus).toBe('paused');
    const m = await member();
    const refused = await claim(token, m.token, { 'accept-language': 'zh-CN' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CAMPAIGN_ENDED', message: '活动已结束' });
    expect((await o.post(`/api/v1/campaigns/${campaign.id}/pause`)).body.error.code).toBe(
      'CAMPAIGN_STATUS_INVALID',
    );
    expect((await o.post(`/api/v1/campaigns/${campaign.id}/start`)).status).toBe(200);
    expect((await claim(token, m.token)).status).toBe(201);
    expect((await claim(token, (await member()).token)).status).toBe(201);
    const soldOut = await o.get(`/api/v1/campaigns/${campaign.id}`);
    expect(soldOut.body).toMatchObject({
      status: 'paused',
      pauseReason: 'sold_out',
      shownStatus: 'sold_out',
    });
    expect((await claim(token, m.token)).body.error.code).toBe('CAMPAIGN_SOLD_OUT');
    expect((await o.post(`/api/v1/campaigns/${campaign.id}/start`)).body.error.code).toBe('STOCK_EXHAUSTED');

    const records = await o.get(`/api/v1/campaigns/${campaign.id}/claims?result=refused`);
    expect(records.body.items.map((r: { result: string }) => r.result)).toEqual([
      'CAMPAIGN_SOLD_OUT',
      'CAMPAIGN_ENDED',
    ]);
    const byPhone = await o.get(`/api/v1/campaigns/${campaign.id}/claims?phone=${phone - 2}`);
    expect(byPhone.body.total).toBe(3);
    const csv = await s.app.inject({
      url: `/api/v1/campaigns/${campaign.id}/claims.csv`,
      headers: { authorization: `Bearer ${A.owner}`, 'accept-language': 'zh-CN' },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('会员手机号');
    expect(csv.body).toContain('活动已结束');
    expect(csv.body).toContain('领取成功');

    const ended = await qrCampaign(s, A.merchant.id, A.owner, [{ quantity: 1, stock: 2 }], {
      startsAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(ended.campaign.shownStatus).toBe('ended');
    expect((await claim(ended.token, m.token)).body.error.code).toBe('CAMPAIGN_ENDED');
  });

  it('once: 100 parallel claims by one member grant exactly one', async () => {
    const { campaign, token, templates } = await qrCampaign(
      s,
      A.merchant.id,
      A.owner,
      [{ quantity: 1, stock: 1000 }],
      { repeatRule: 'once' },
    );
    const m = await member();
    // Half carry an Idempotency-Key (the transaction path), half none (one statement on PostgreSQL).
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        claim(token, m.token, i % 2 ? { 'idempotency-key': `once-${i}` } : {}),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(new Set(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code))).toEqual(
      new Set(['CLAIM_ONCE']),
    );
    expect(await vouchersOf(s, templates[0].id)).toBe(1);
    expect((await client(s.app, A.owner).get(`/api/v1/campaigns/${campaign.id}`)).body.items[0].claimed).toBe(
      1,
    );
  });

  it('cooldown: inside it refused with the time left, after it granted', async () => {
    const { token } = await qrCampaign(s, A.merchant.id, A.owner, [{ quantity: 1, stock: 100 }], {
      repeatRule: 'cooldown',
      cooldownSeconds: 3600,
    });
    const m = await member();
    expect((await claim(token, m.token)).status).toBe(201);
    const early = await claim(token, m.token, { 'accept-language': 'zh-CN' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CLAIM_COOLDOWN');
    expect(early.body.error.details.retryAfterSeconds).toBeGreaterThan(3500);
    expect(early.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(3600);
    const page = await client(s.app, m.token).get(`/api/v1/claim/${token}`);
    expect(page.body.mine.nextClaimAt).not.toBeNull();
    vi.useFakeTimers({ now: Date.now() + 3601_000, toFake: ['Date'] });
    try {
      expect((await claim(token, m.token)).status).toBe(201);
      expect((await claim(token, m.token)).body.error.code).toBe('CLAIM_COOLDOWN');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a multi-item claim where one item runs out grants nothing of that claim', async () => {
    const { campaign, token, templates } = await qrCampaign(s, A.merchant.id, A.owner, [
      { quantity: 1, stock: 100 },
      { quantity: 1, stock: 5 },
    ]);
    const members = await Promise.all(Array.from({ length: 30 }, () => member()));
    const answers = await Promise.all(members.map((m) => claim(token, m.token)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(new Set(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code))).toEqual(
      new Set(['CAMPAIGN_SOLD_OUT']),
    );
    expect(await vouchersOf(s, templates[0].id)).toBe(5);
    expect(await vouchersOf(s, templates[1].id)).toBe(5);
    const after = (await client(s.app, A.owner).get(`/api/v1/campaigns/${campaign.id}`)).body;
    expect(after.items.map((i: { claimed: number }) => i.claimed)).toEqual([5, 5]);
    expect(after.shownStatus).toBe('sold_out');
  });

  it('edits take effect at once, though this process read the campaign a moment before (S3.4)', async () => {
    const { campaign, token, templates } = await qrCampaign(
      s,
      A.merchant.id,
      A.owner,
      [{ quantity: 1, stock: 10 }],
      {
        repeatRule: 'unlimited',
      },
    );
    const o = client(s.app, A.owner);
    const m = await member();
    expect((await claim(token, m.token)).status).toBe(201);
    // Items swapped right after a claim: the next claim grants the new items, not the old ones.
    const t2 = await activeTemplate(s, A.merchant.id);
    const item = campaign.items[0];
    const swapped = await o.put(`/api/v1/campaigns/${campaign.id}/items`, {
      items: [
        { id: item.id, templateId: templates[0].id, quantity: 2, stock: 20 },
        { templateId: t2.id, quantity: 1, stock: 5 },
      ],
    });
    expect(swapped.status).toBe(200);
    const next = await claim(token, m.token);
    expect(next.status).toBe(201);
    expect(next.body.vouchers.map((v: { templateId: number }) => v.templateId).sort()).toEqual(
      [templates[0].id, templates[0].id, t2.id].sort(),
    );
    // Paused right after a claim: the next claim is refused.
    expect((await o.post(`/api/v1/campaigns/${campaign.id}/pause`)).status).toBe(200);
    expect((await claim(token, m.token)).body.error.code).toBe('CAMPAIGN_ENDED');
    expect(await vouchersOf(s, templates[0].id)).toBe(3);
    expect(await vouchersOf(s, t2.id)).toBe(1);
  });

  it('replaying a claim with the same Idempotency-Key grants once', async () => {
    const { token, templates } = await qrCampaign(s, A.merchant.id, A.owner, [{ quantity: 1, stock: 10 }]);
    const m = await member();
    const first = await claim(token, m.token, { 'idempotency-key': 'claim-1' });
    const again = await claim(token, m.token, { 'idempotency-key': 'claim-1' });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await vouchersOf(s, templates[0].id)).toBe(1);
    // The stored answer holds the voucher's code only sealed (secrets at rest).
    const code = first.body.vouchers[0].code as string;
    expect(code).toMatch(/^\S{8,}$/);
    const stored = await s.ctx.db
      .selectFrom('idempotencyKeys')
      .where('merchantId', '=', A.merchant.id)
      .where('key', '=', 'claim-1')
      .select('responseBody')
      .executeTakeFirstOrThrow();
    expect(stored.responseBody).not.toContain(code);
    expect(stored.responseBody).not.toContain(code.slice(0, 8));
    // Another member cannot use the key: it names a different request.
    const other = await member();
    expect((await claim(token, other.token, { 'idempotency-key': 'claim-1' })).body.error.code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('twenty retries of one keyed claim at once: one grant, the same answer to all (batched on PostgreSQL)', async () => {
    const { token, templates } = await qrCampaign(s, A.merchant.id, A.owner, [{ quantity: 2, stock: 100 }]);
    const m = await member();
    const before = fastClaimStats(s.ctx);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => claim(token, m.token, { 'idempotency-key': 'press-7' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].body.vouchers).toHaveLength(2);
    expect(await vouchersOf(s, templates[0].id)).toBe(2);
    // A later replay reads the stored first answer.
    const later = await claim(token, m.token, { 'idempotency-key': 'press-7' });
    expect(later.body).toEqual(answers[0].body);
    if (s.ctx.database.engine === 'postgres')
      expect(fastClaimStats(s.ctx).items).toBeGreaterThan(before.items);
  });
});

describe('claim campaigns on store homepages (S2.3)', () => {
  it('members see a store’s live campaigns and claim within the per-member and total limits', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const o = client(s.app, A.owner);
    const created = await o.post('/api/v1/campaigns', {
      kind: 'store',
      name: '开业领券',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      storeIds: [A.store1.id],
      perMemberLimit: 2,
      totalLimit: 3,
      items: [{ templateId: t.id, quantity: 1 }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ repeatRule: 'limit', perMemberLimit: 2, shownStatus: 'active' });
    const m1 = await member();
    const listed = await client(s.app, m1.token).get(`/api/v1/member/stores/${A.store1.id}/campaigns`);
    expect(listed.body.map((c: { name: string }) => c.name)).toContain('开业领券');
    const other = await client(s.app, m1.token).get(`/api/v1/member/stores/${A.store2.id}/campaigns`);
    expect(other.body.map((c: { name: string }) => c.name)).not.toContain('开业领券');
    const center = await client(s.app, m1.token).get('/api/v1/member/campaigns');
    expect(center.body).toEqual([
      expect.objectContaining({
        storeId: A.store1.id,
        campaigns: [expect.objectContaining({ name: '开业领券' })],
      }),
    ]);

    const token = listed.body.find((c: { name: string }) => c.name === '开业领券').token;
    expect((await claim(token, m1.token)).status).toBe(201);
    expect((await claim(token, m1.token)).status).toBe(201);
    const third = await claim(token, m1.token);
    expect(third.body.error).toMatchObject({ code: 'CLAIM_LIMIT_REACHED' });
    expect((await claim(token, (await member()).token)).status).toBe(201);
    expect((await claim(token, (await member()).token)).body.error.code).toBe('CAMPAIGN_SOLD_OUT');
    expect((await o.get(`/api/v1/campaigns/${created.body.id}`)).body.claims).toBe(3);

    const early = await o.post('/api/v1/campaigns', {
      kind: 'store',
      name: '下线测试',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      storeIds: [A.store1.id],
      items: [{ templateId: t.id, quantity: 1 }],
    });
    await o.post(`/api/v1/campaigns/${early.body.id}/pause`);
    const now = await client(s.app, m1.token).get(`/api/v1/member/stores/${A.store1.id}/campaigns`);
    expect(now.body.map((c: { name: string }) => c.name)).not.toContain('下线测试');
  });

  it('goes offline by itself at its end time', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const created = await client(s.app, A.owner).post('/api/v1/campaigns', {
      kind: 'store',
      name: '限时',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 60_000).toISOString(),
      storeIds: [A.store1.id],
      items: [{ templateId: t.id, quantity: 1 }],
    });
    const token = new URL(created.body.link).pathname.split('/').pop() as string;
    const m = await member();
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ['Date'] });
    try {
      expect(
        (await client(s.app, A.owner).get(`/api/v1/campaigns/${created.body.id}`)).body.shownStatus,
      ).toBe('ended');
      expect((await claim(token, m.token)).body.error.code).toBe('CAMPAIGN_ENDED');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('bad input and tenancy', () => {
  it('answers 4xx with stable codes', async () => {
    const o = client(s.app, A.owner);
    const t = await activeTemplate(s, A.merchant.id);
    const review = await activeTemplate(s, A.merchant.id, { status: 'pending_review' });
    const cases: [unknown, number, string][] = [
      [{ kind: 'qr', name: 'x', items: [] }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'qr', name: 'x', items: [{ templateId: t.id, quantity: 1 }] }, 422, 'CAMPAIGN_STOCK_REQUIRED'],
      [
        { kind: 'qr', name: 'x', items: [{ templateId: review.id, quantity: 1, stock: 1 }] },
        409,
        'TEMPLATE_NOT_ACTIVE',
      ],
      [
        {
          kind: 'qr',
          name: 'x',
          repeatRule: 'cooldown',
          items: [{ templateId: t.id, quantity: 1, stock: 1 }],
        },
        422,
        'CAMPAIGN_COOLDOWN_REQUIRED',
      ],
      [
        { kind: 'qr', name: 'x', repeatRule: 'limit', items: [{ templateId: t.id, quantity: 1, stock: 1 }] },
        422,
        'CAMPAIGN_RULE_INVALID',
      ],
      [
        { kind: 'store', name: 'x', storeIds: [A.store1.id], items: [{ templateId: t.id, quantity: 1 }] },
        422,
        'CAMPAIGN_WINDOW_INVALID',
      ],
      [
        {
          kind: 'store',
          name: 'x',
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 1000).toISOString(),
          storeIds: [B.store1.id],
          items: [{ templateId: t.id, quantity: 1 }],
        },
        422,
        'STORE_NOT_IN_MERCHANT',
      ],
      [
        {
          kind: 'qr',
          name: 'x',
          items: [
            { templateId: t.id, quantity: 1, stock: 1 },
            { templateId: t.id, quantity: 1, stock: 1 },
          ],
        },
        422,
        'CAMPAIGN_ITEM_DUPLICATE',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await o.post('/api/v1/campaigns', body);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    expect((await o.get('/api/v1/campaigns/abc')).status).toBe(400);
    expect((await o.get('/api/v1/campaigns/1/claims?from=yesterday')).status).toBe(400);
    const m = await member();
    expect((await client(s.app, m.token).get('/api/v1/claim/!!')).status).toBe(400);
    expect((await claim('nosuchcampaigntoken', m.token)).body.error.code).toBe('NOT_FOUND');
  });

  it('another merchant sees none of it', async () => {
    const { campaign, token } = await qrCampaign(s, A.merchant.id, A.owner, [{ quantity: 1, stock: 5 }]);
    const ob = client(s.app, B.owner);
    for (const url of [
      `/api/v1/campaigns/${campaign.id}`,
      `/api/v1/campaigns/${campaign.id}/claims`,
      `/api/v1/campaigns/${campaign.id}/qr.png`,
    ])
      expect((await ob.get(url)).status).toBe(404);
    expect((await ob.post(`/api/v1/campaigns/${campaign.id}/pause`)).status).toBe(404);
    expect((await ob.get('/api/v1/campaigns')).body.items.map((c: { id: number }) => c.id)).not.toContain(
      campaign.id,
    );
    const bMember = await (await memberMinter(s, B.owner)).member('13910007999');
    expect((await claim(token, bMember.token)).status).toBe(404);
    expect((await client(s.app, A.verifier).get('/api/v1/campaigns')).status).toBe(403);
    expect(
      (await client(s.app, bMember.token).get(`/api/v1/member/stores/${A.store1.id}/campaigns`)).status,
    ).toBe(404);
  });
});
