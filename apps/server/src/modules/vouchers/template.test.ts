import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import type { AppError } from '../../http/errors.ts';
import { getIssuableTemplate } from './template.service.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let B: Awaited<ReturnType<typeof seedMerchant>>;
let owner: ReturnType<typeof client>;
let op: ReturnType<typeof client>;
const URL = '/api/v1/voucher-templates';
const REVIEW = '/api/v1/review/voucher-templates';

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'tpl-a');
  B = await seedMerchant(s, 'tpl-b');
  owner = client(s.app, A.owner);
  op = client(s.app, A.op);
});
afterAll(() => s.close());

const common = {
  title: '咖啡兑换券',
  merchantName: '卡券咖啡',
  conditions: '到店出示券码使用',
  validity: { kind: 'relative', days: 30 },
  stores: { all: true },
  servicePhone: '021-60000000',
  claimNotice: '每次限用一张',
};
const exchange = { ...common, kind: 'exchange', goodsName: '中杯拿铁', goodsQuantity: 1 };

async function create(over: Record<string, unknown> = {}) {
  const r = await owner.post(URL, { ...exchange, ...over });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const codeOf = (r: { body: { error?: { code: string } } }) => r.body.error?.code;
const issuable = (merchantId: number, id: number) =>
  getIssuableTemplate(s.ctx.db, merchantId, id).then(
    (t) => ({ ok: true as const, t }),
    (e: AppError) => ({ ok: false as const, status: e.status, code: e.code }),
  );

describe('creating templates', () => {
  it('creates each kind, waiting for review', async () => {
    const ex = await create({ useWeek: [1, 2, 3, 4, 5], stores: { storeIds: [A.store2.id, A.store1.id] } });
    expect(ex).toMatchObject({
      kind: 'exchange',
      goodsName: '中杯拿铁',
      goodsQuantity: 1,
      status: 'pending_review',
      reviewFlags: [],
      useWeek: [1, 2, 3, 4, 5],
      stores: { all: false, storeIds: [A.store1.id, A.store2.id].sort((a, b) => a - b) },
      validity: { kind: 'relative', days: 30 },
      perMemberLimit: 0,
      isGiving: false,
      reviewedAt: null,
    });
    const cash = await create({
      kind: 'cash',
      goodsName: undefined,
      goodsQuantity: undefined,
      amountCents: 500,
    });
    expect(cash).toMatchObject({ kind: 'cash', amountCents: 500, thresholdCents: 0, goodsName: null });
    const validity = { kind: 'fixed', from: '2026-01-01T00:00:00.000Z', until: '2026-12-31T16:00:00.000Z' };
    const discount = await owner.post(URL, {
      ...common,
      kind: 'discount',
      percentOff: 20,
      capCents: 1000,
      validity,
    });
    expect(discount.body).toMatchObject({ kind: 'discount', percentOff: 20, capCents: 1000, validity });
    const ticket = await owner.post(URL, { ...common, kind: 'ticket', isSelf: true, isGiving: true });
    expect(ticket.body).toMatchObject({
      kind: 'ticket',
      isSelf: true,
      isGiving: true,
      useWeek: [1, 2, 3, 4, 5, 6, 7],
    });
    expect((await owner.get(`${URL}/${ticket.body.id}`)).body).toEqual(ticket.body);
    const list = await owner.get(`${URL}?kind=cash&q=咖啡`);
    expect(list.body.items.map((t: { id: number }) => t.id)).toEqual([cash.id]);
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'tpl-create-1' };
    const first = await owner.post(URL, exchange, key);
    const again = await owner.post(URL, exchange, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('limits the title to 15 and the merchant name to 10 characters, CJK or Latin', async () => {
    await create({ title: '券'.repeat(15), merchantName: '店'.repeat(10) });
    await create({ title: 'a'.repeat(15), merchantName: 'b'.repeat(10) });
    for (const [over, field, max] of [
      [{ title: '券'.repeat(16) }, 'title', 15],
      [{ title: 'a'.repeat(16) }, 'title', 15],
      [{ merchantName: '店'.repeat(11) }, 'merchantName', 10],
    ] as const) {
      const r = await owner.post(URL, { ...exchange, ...over });
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'TEMPLATE_TEXT_TOO_LONG', details: { field, max } });
    }
    const t = await create();
    expect(codeOf(await owner.patch(`${URL}/${t.id}`, { title: 'x'.repeat(16) }))).toBe(
      'TEMPLATE_TEXT_TOO_LONG',
    );
  });

  it('flags contact details and absolute claims for the reviewer, not the service phone', async () => {
    const t = await create({
      conditions: '咨询13812345678，详见 www.kaquan.cn ，加微信：coffee_2024',
      claimNotice: '全城最好喝',
      servicePhone: '13900000000',
    });
    const found = t.reviewFlags.map((f: { kind: string; field: string }) => `${f.kind}:${f.field}`);
    expect(found.sort()).toEqual([
      'absolute:claimNotice',
      'phone:conditions',
      'url:conditions',
      'wechat:conditions',
    ]);
    expect(t.reviewFlags).toContainEqual({ kind: 'phone', field: 'conditions', match: '13812345678' });
    const queue = await op.get(REVIEW);
    const mine = queue.body.items.find((x: { id: number }) => x.id === t.id);
    expect(mine).toMatchObject({ merchant: { id: A.merchant.id, name: A.merchant.name } });
    expect(mine.reviewFlags).toEqual(t.reviewFlags);
  });
});

describe('review', () => {
  it('approves, sends visible edits back to review and keeps status for limits and stores', async () => {
    const t = await create();
    expect((await issuable(A.merchant.id, t.id)).ok).toBe(false);
    const ok = await op.post(`${REVIEW}/${t.id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'active', reviewReason: null });
    expect(ok.body.reviewedAt).not.toBeNull();
    expect(codeOf(await op.post(`${REVIEW}/${t.id}/approve`))).toBe('TEMPLATE_NOT_PENDING');

    const limit = await owner.patch(`${URL}/${t.id}`, {
      perMemberLimit: 2,
      stores: { storeIds: [A.store1.id] },
    });
    expect(limit.body).toMatchObject({
      status: 'active',
      perMemberLimit: 2,
      stores: { all: false, storeIds: [A.store1.id] },
    });
    const same = await owner.patch(`${URL}/${t.id}`, { title: t.title, conditions: t.conditions });
    expect(same.body.status).toBe('active');
    const got = await issuable(A.merchant.id, t.id);
    expect(got.ok && got.t.storeIds).toEqual([A.store1.id]);

    const edited = await owner.patch(`${URL}/${t.id}`, {
      title: '拿铁兑换券',
      conditions: '最划算，电话400-820-8820',
    });
    expect(edited.body).toMatchObject({ status: 'pending_review', reviewedAt: null, title: '拿铁兑换券' });
    expect(edited.body.reviewFlags.map((f: { kind: string }) => f.kind).sort()).toEqual([
      'absolute',
      'phone',
    ]);
    expect(await issuable(A.merchant.id, t.id)).toMatchObject({
      ok: false,
      status: 409,
      code: 'TEMPLATE_NOT_ACTIVE',
    });

    const audit = await owner.get(`/api/v1/audit?targetType=template&targetId=${t.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'template.approve',
      'template.create',
      'template.update',
      'template.update_resubmit',
    ]);
  });

  it('rejects with a reason the merchant sees, and a fixed template is reviewed again', async () => {
    const t = await create();
    expect((await op.post(`${REVIEW}/${t.id}/reject`, {})).status).toBe(400);
    expect((await op.post(`${REVIEW}/${t.id}/reject`, { reason: '  ' })).status).toBe(400);
    expect((await op.post(`${REVIEW}/${t.id}/reject`, { reason: 'x'.repeat(201) })).status).toBe(400);
    const no = await op.post(`${REVIEW}/${t.id}/reject`, { reason: '标题含有绝对化用语' });
    expect(no.body).toMatchObject({ status: 'rejected', reviewReason: '标题含有绝对化用语' });
    expect((await owner.get(`${URL}/${t.id}`)).body).toMatchObject({
      status: 'rejected',
      reviewReason: '标题含有绝对化用语',
    });
    expect(codeOf(await op.post(`${REVIEW}/${t.id}/approve`))).toBe('TEMPLATE_NOT_PENDING');
    expect(await issuable(A.merchant.id, t.id)).toMatchObject({ ok: false, code: 'TEMPLATE_NOT_ACTIVE' });
    expect((await owner.patch(`${URL}/${t.id}`, { perMemberLimit: 1 })).body.status).toBe('rejected');
    expect((await owner.patch(`${URL}/${t.id}`, { claimNotice: '改好了' })).body.status).toBe(
      'pending_review',
    );
    expect((await op.post(`${REVIEW}/${t.id}/approve`)).body.status).toBe('active');
  });

  it('disables and enables: active again only if its content was approved', async () => {
    const t = await create();
    await op.post(`${REVIEW}/${t.id}/approve`);
    expect((await owner.post(`${URL}/${t.id}/disable`)).body.status).toBe('disabled');
    expect(codeOf(await owner.post(`${URL}/${t.id}/disable`))).toBe('TEMPLATE_ALREADY_DISABLED');
    expect(await issuable(A.merchant.id, t.id)).toMatchObject({ ok: false, code: 'TEMPLATE_NOT_ACTIVE' });
    expect((await owner.post(`${URL}/${t.id}/enable`)).body.status).toBe('active');
    expect(codeOf(await owner.post(`${URL}/${t.id}/enable`))).toBe('TEMPLATE_NOT_DISABLED');
    expect((await issuable(A.merchant.id, t.id)).ok).toBe(true);

    await owner.post(`${URL}/${t.id}/disable`);
    expect((await owner.patch(`${URL}/${t.id}`, { title: '新标题' })).body.status).toBe('disabled');
    expect((await owner.post(`${URL}/${t.id}/enable`)).body.status).toBe('pending_review');

    const rejected = await create();
    await op.post(`${REVIEW}/${rejected.id}/reject`, { reason: '图片不清晰' });
    await owner.post(`${URL}/${rejected.id}/disable`);
    expect((await owner.post(`${URL}/${rejected.id}/enable`)).body.status).toBe('pending_review');
  });

  it('lets only the platform operator review', async () => {
    const t = await create();
    for (const token of [A.owner, A.manager, A.verifier]) {
      const c = client(s.app, token);
      expect((await c.get(REVIEW)).status).toBe(403);
      expect((await c.post(`${REVIEW}/${t.id}/approve`)).status).toBe(403);
      expect((await c.post(`${REVIEW}/${t.id}/reject`, { reason: 'no' })).status).toBe(403);
    }
    expect((await client(s.app).get(REVIEW)).status).toBe(401);
    expect((await op.get(URL)).status).toBe(403);
    expect((await op.post(`${REVIEW}/999999/approve`)).status).toBe(404);
    const active = await op.get(`${REVIEW}?status=active&merchantId=${B.merchant.id}`);
    expect(active.body.items).toEqual([]);
  });
});

describe('who may see and change a template', () => {
  it('keeps other merchants out', async () => {
    const t = await create();
    await op.post(`${REVIEW}/${t.id}/approve`);
    const b = client(s.app, B.owner);
    expect((await b.get(`${URL}/${t.id}`)).status).toBe(404);
    expect((await b.patch(`${URL}/${t.id}`, { title: '偷改' })).status).toBe(404);
    expect((await b.post(`${URL}/${t.id}/disable`)).status).toBe(404);
    expect((await b.post(`${URL}/${t.id}/enable`)).status).toBe(404);
    expect((await b.get(URL)).body.items).toEqual([]);
    expect(await issuable(B.merchant.id, t.id)).toMatchObject({ ok: false, status: 404 });
    const foreign = await owner.post(URL, { ...exchange, stores: { storeIds: [A.store1.id, B.store1.id] } });
    expect(foreign.status).toBe(422);
    expect(codeOf(foreign)).toBe('STORE_NOT_IN_MERCHANT');
    expect(codeOf(await owner.patch(`${URL}/${t.id}`, { stores: { storeIds: [B.store2.id] } }))).toBe(
      'STORE_NOT_IN_MERCHANT',
    );
  });

  it('needs the vouchers scopes for API keys and refuses verifiers', async () => {
    expect((await client(s.app, A.verifier).get(URL)).status).toBe(403);
    const ro = await owner.post('/api/v1/api-keys', { name: 'ro', scopes: ['vouchers:read'] });
    const rw = await owner.post('/api/v1/api-keys', { name: 'rw', scopes: ['vouchers:write'] });
    expect((await client(s.app, ro.body.secret).get(URL)).status).toBe(200);
    expect((await client(s.app, ro.body.secret).post(URL, exchange)).status).toBe(403);
    expect((await client(s.app, rw.body.secret).post(URL, exchange)).status).toBe(201);
    expect((await client(s.app, A.manager).post(URL, exchange)).status).toBe(201);
  });
});

describe('bad input', () => {
  it('answers 4xx with stable codes, never 500', async () => {
    const t = await create();
    const big = 'x'.repeat(10_240);
    const cases: [unknown, number, string][] = [
      [{ ...common, kind: 'cash' }, 422, 'TEMPLATE_KIND_FIELDS'],
      [{ ...exchange, goodsName: undefined }, 422, 'TEMPLATE_KIND_FIELDS'],
      [{ ...exchange, percentOff: 10 }, 422, 'TEMPLATE_KIND_FIELDS'],
      [{ ...common, kind: 'discount', percentOff: 100 }, 400, 'VALIDATION_FAILED'],
      [{ ...common, kind: 'cash', amountCents: 0 }, 400, 'VALIDATION_FAILED'],
      [{ ...exchange, goodsQuantity: 0 }, 400, 'VALIDATION_FAILED'],
      [{ ...exchange, kind: 'coupon' }, 400, 'VALIDATION_FAILED'],
      [{ ...exchange, stores: { storeIds: [999_999] } }, 422, 'STORE_NOT_IN_MERCHANT'],
      [{ ...exchange, stores: { storeIds: [] } }, 400, 'VALIDATION_FAILED'],
      [{ ...exchange, stores: { all: false } }, 400, 'VALIDATION_FAILED'],
      [{ ...exchange, validity: { kind: 'relative', days: 0 } }, 400, 'VALIDATION_FAILED'],
      [
        {
          ...exchange,
          validity: { kind: 'fixed', from: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' },
        },
        422,
        'TEMPLATE_VALIDITY_INVALID',
      ],
      [
        { ...exchange, validity: { kind: 'fixed', from: 'yesterday', until: '2026-01-01T00:00:00Z' } },
        400,
        'VALIDATION_FAILED',
      ],
      [{ ...exchange, servicePhone: 'call me' }, 400, 'VALIDATION_FAILED'],
      ...[[], [0], [8], [1, 1], ['mon'], [1.5], 'weekdays'].map(
        (useWeek) => [{ ...exchange, useWeek }, 400, 'VALIDATION_FAILED'] as [unknown, number, string],
      ),
      ...['title', 'merchantName', 'conditions', 'claimNotice', 'goodsName', 'servicePhone', 'imageUrl'].map(
        (field) => [{ ...exchange, [field]: big }, 400, 'VALIDATION_FAILED'] as [unknown, number, string],
      ),
    ];
    for (const [body, status, code] of cases) {
      const r = await owner.post(URL, body);
      expect([r.status, codeOf(r)], JSON.stringify(body).slice(0, 200)).toEqual([status, code]);
    }
    for (const [body, code] of [
      [{ amountCents: 100 }, 'TEMPLATE_KIND_FIELDS'],
      [{ goodsName: null }, 'VALIDATION_FAILED'],
      [{ kind: 'cash', conditions: big }, 'VALIDATION_FAILED'],
      [{ useWeek: [] }, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await owner.patch(`${URL}/${t.id}`, body);
      expect(r.status).toBeLessThan(500);
      expect(codeOf(r)).toBe(code);
    }
    expect((await owner.get(`${URL}/abc`)).status).toBe(400);
    expect((await owner.get(`${URL}?status=gone`)).status).toBe(400);
  });
});
