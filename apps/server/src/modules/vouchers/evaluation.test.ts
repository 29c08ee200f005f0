import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { memberMinter } from '../../../test/shop-harness.ts';
import { activeTemplate, requestNo } from '../../../test/voucher-harness.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let B: Awaited<ReturnType<typeof seedMerchant>>;
let minter: Awaited<ReturnType<typeof memberMinter>>;
let coffee: { id: number; title: string };
let tea: { id: number; title: string };

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'evals');
  B = await seedMerchant(s, 'evals-b');
  minter = await memberMinter(s, A.owner);
  coffee = await activeTemplate(s, A.merchant.id, { title: '咖啡券' });
  tea = await activeTemplate(s, A.merchant.id, { title: '奶茶券' });
});
afterAll(() => s.close());

/** A voucher of the template granted to the member and verified by the owner at the store. */
async function usedVoucher(member: { id: number; token: string }, templateId: number, storeId: number) {
  const granted = await client(s.app, A.owner).post('/api/v1/vouchers/grants', {
    templateId,
    memberId: member.id,
  });
  const id = granted.body[0].id as number;
  const code = (await client(s.app, member.token).get(`/api/v1/wallet/vouchers/${id}`)).body.code;
  const verified = await client(s.app, A.owner).post('/api/v1/verifications', {
    code,
    storeId,
    requestNo: requestNo(),
  });
  expect(verified.status).toBe(201);
  return id;
}

const evaluation = (token: string, id: number, body: unknown) =>
  client(s.app, token).post(`/api/v1/wallet/vouchers/${id}/evaluation`, body);

describe('the holder evaluates a used voucher', () => {
  it('shows whether it may be evaluated, takes one evaluation, then shows it', async () => {
    const m = await minter.member('13500000001');
    const me = client(s.app, m.token);
    const granted = await client(s.app, A.owner).post('/api/v1/vouchers/grants', {
      templateId: coffee.id,
      memberId: m.id,
    });
    const id = granted.body[0].id as number;
    expect((await me.get(`/api/v1/wallet/vouchers/${id}/evaluation`)).body).toEqual({
      canEvaluate: false,
      evaluation: null,
    });
    expect((await evaluation(m.token, id, { score: 5, text: '好' })).body.error.code).toBe('NOT_USED_YET');

    const code = (await me.get(`/api/v1/wallet/vouchers/${id}`)).body.code;
    await client(s.app, A.verifier).post('/api/v1/verifications', {
      code,
      storeId: A.store1.id,
      requestNo: requestNo(),
    });
    expect((await me.get(`/api/v1/wallet/vouchers/${id}/evaluation`)).body).toEqual({
      canEvaluate: true,
      evaluation: null,
    });

    const given = await evaluation(m.token, id, { score: 4, text: '咖啡不错，店员很热情' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ voucherId: id, score: 4, text: '咖啡不错，店员很热情' });
    const shown = await me.get(`/api/v1/wallet/vouchers/${id}/evaluation`);
    expect(shown.body).toEqual({ canEvaluate: false, evaluation: given.body });

    const again = await evaluation(m.token, id, { score: 1, text: '改主意了' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_EVALUATED');
    expect((await me.get(`/api/v1/wallet/vouchers/${id}/evaluation`)).body.evaluation.score).toBe(4);

    const audit = await s.ctx.db
      .selectFrom('auditLog')
      .where('action', '=', 'voucher.evaluate')
      .where('targetId', '=', String(id))
      .select(['merchantId', 'actorType', 'afterJson'])
      .execute();
    expect(audit).toEqual([{ merchantId: A.merchant.id, actorType: 'member', afterJson: '{"score":4}' }]);
  });

  it('two submissions at once: exactly one evaluation is kept', async () => {
    const m = await minter.member('13500000002');
    const id = await usedVoucher(m, coffee.id, A.store1.id);
    const answers = await Promise.all(
      [1, 2, 3, 4].map((score) => evaluation(m.token, id, { score, text: `第 ${score} 次` })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.body.error?.code === 'ALREADY_EVALUATED')).toHaveLength(3);
    const rows = await s.ctx.db
      .selectFrom('voucherEvaluations')
      .where('voucherId', '=', id)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses bad input with 400 and another member’s or merchant’s voucher with 404', async () => {
    const m = await minter.member('13500000003');
    const other = await minter.member('13500000004');
    const id = await usedVoucher(m, coffee.id, A.store1.id);
    for (const body of [
      { score: 0, text: '' },
      { score: 6, text: '' },
      { score: 4.5, text: '' },
      { score: 4, text: '字'.repeat(501) },
      { score: 4 },
      { text: '没有分数' },
    ]) {
      const r = await evaluation(m.token, id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await client(s.app, m.token).get('/api/v1/wallet/vouchers/abc/evaluation')).status).toBe(400);

    const theirs = await evaluation(other.token, id, { score: 1, text: '不是我的券' });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('NOT_FOUND');
    expect((await client(s.app, other.token).get(`/api/v1/wallet/vouchers/${id}/evaluation`)).status).toBe(
      404,
    );

    const bMember = await (await memberMinter(s, B.owner)).member('13500000003');
    expect((await evaluation(bMember.token, id, { score: 1, text: '别家的券' })).status).toBe(404);
    expect((await client(s.app, bMember.token).get(`/api/v1/wallet/vouchers/${id}/evaluation`)).status).toBe(
      404,
    );

    const full = await evaluation(m.token, id, { score: 5, text: '字'.repeat(500) });
    expect(full.status).toBe(201);
  });
});

describe('the merchant reads evaluations', () => {
  // Scores given in this block: coffee@store1 5 and 4, coffee@store2 2, tea@store2 3 (added to the
  // evaluations of the block above, all coffee@store1: 4, one of 1–4, and 5).
  let before: { count: number; coffeeStore1: number[] };

  beforeAll(async () => {
    const rows = await s.ctx.db
      .selectFrom('voucherEvaluations')
      .where('merchantId', '=', A.merchant.id)
      .select(['score', 'templateId', 'storeId'])
      .execute();
    before = { count: rows.length, coffeeStore1: rows.map((r) => r.score) };
    const m = await minter.member('13500000011');
    const plan: [number, number, number, string][] = [
      [coffee.id, A.store1.id, 5, '很好喝'],
      [coffee.id, A.store1.id, 4, '还可以'],
      [coffee.id, A.store2.id, 2, '排队太久'],
      [tea.id, A.store2.id, 3, '一般'],
    ];
    for (const [templateId, storeId, score, text] of plan) {
      const id = await usedVoucher(m, templateId, storeId);
      expect((await evaluation(m.token, id, { score, text })).status).toBe(201);
    }
  });

  const avg = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;

  it('lists them newest first with averages overall, per template and per store', async () => {
    const list = await client(s.app, A.owner).get('/api/v1/evaluations');
    expect(list.status).toBe(200);
    const coffeeStore1 = [...before.coffeeStore1, 5, 4];
    expect(list.body.total).toBe(before.count + 4);
    expect(list.body.items[0]).toMatchObject({
      score: 3,
      text: '一般',
      templateId: tea.id,
      title: '奶茶券',
      storeId: A.store2.id,
      storeName: A.store2.name,
      memberName: 'M0011',
      memberPhone: '135****0011',
    });
    expect(list.body.items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(list.body.summary).toEqual({ average: avg([...coffeeStore1, 2, 3]), count: before.count + 4 });
    expect(list.body.byTemplate).toEqual([
      { templateId: coffee.id, title: '咖啡券', average: avg([...coffeeStore1, 2]), count: before.count + 3 },
      { templateId: tea.id, title: '奶茶券', average: 3, count: 1 },
    ]);
    expect(list.body.byStore).toEqual([
      {
        storeId: A.store1.id,
        storeName: A.store1.name,
        average: avg(coffeeStore1),
        count: coffeeStore1.length,
      },
      { storeId: A.store2.id, storeName: A.store2.name, average: 2.5, count: 2 },
    ]);
    const manager = await client(s.app, A.manager).get('/api/v1/evaluations');
    expect(manager.body.total).toBe(list.body.total);
  });

  it('filters by template, store and score; the averages follow the template and store filters', async () => {
    const owner = client(s.app, A.owner);
    const store2 = (await owner.get(`/api/v1/evaluations?storeId=${A.store2.id}`)).body;
    expect(store2.items.map((e: { text: string }) => e.text)).toEqual(['一般', '排队太久']);
    expect(store2.summary).toEqual({ average: 2.5, count: 2 });
    expect(store2.byTemplate).toEqual([
      { templateId: coffee.id, title: '咖啡券', average: 2, count: 1 },
      { templateId: tea.id, title: '奶茶券', average: 3, count: 1 },
    ]);
    expect(store2.byStore).toEqual([
      { storeId: A.store2.id, storeName: A.store2.name, average: 2.5, count: 2 },
    ]);

    const both = (await owner.get(`/api/v1/evaluations?templateId=${coffee.id}&storeId=${A.store2.id}`)).body;
    expect(both.items.map((e: { text: string }) => e.text)).toEqual(['排队太久']);

    const fives = (await owner.get(`/api/v1/evaluations?score=5&storeId=${A.store1.id}`)).body;
    expect(fives.items.length).toBeGreaterThanOrEqual(2);
    expect(fives.items.every((e: { score: number }) => e.score === 5)).toBe(true);
    expect(fives.total).toBe(fives.items.length);
    expect(fives.summary.count).toBe(before.coffeeStore1.length + 2);

    const none = (await owner.get(`/api/v1/evaluations?templateId=${tea.id}&score=1`)).body;
    expect(none).toMatchObject({ items: [], total: 0, summary: { average: 3, count: 1 } });
  });

  it('pages through the list', async () => {
    const owner = client(s.app, A.owner);
    const all = (await owner.get('/api/v1/evaluations?pageSize=100')).body;
    const p1 = (await owner.get('/api/v1/evaluations?page=1&pageSize=3')).body;
    const p2 = (await owner.get('/api/v1/evaluations?page=2&pageSize=3')).body;
    expect(p1).toMatchObject({ page: 1, pageSize: 3, total: all.total });
    expect(p2).toMatchObject({ page: 2, pageSize: 3, total: all.total });
    const ids = (p: { items: { voucherId: number }[] }) => p.items.map((e) => e.voucherId);
    expect([...ids(p1), ...ids(p2)]).toEqual(ids(all).slice(0, 6));
    const past = (await owner.get('/api/v1/evaluations?page=50&pageSize=3')).body;
    expect(past.items).toEqual([]);
  });

  it('stays inside the merchant, is for owners and managers, and refuses bad queries with 400', async () => {
    const other = (await client(s.app, B.owner).get(`/api/v1/evaluations?templateId=${coffee.id}`)).body;
    expect(other).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
      summary: { average: null, count: 0 },
      byTemplate: [],
      byStore: [],
    });
    expect((await client(s.app, B.owner).get('/api/v1/evaluations')).body.total).toBe(0);
    const verifier = await client(s.app, A.verifier).get('/api/v1/evaluations');
    expect(verifier.status).toBe(403);
    expect((await client(s.app).get('/api/v1/evaluations')).status).toBe(401);
    const member = await minter.member('13500000021');
    expect((await client(s.app, member.token).get('/api/v1/evaluations')).status).toBe(403);
    for (const q of ['score=0', 'score=6', 'templateId=abc', 'storeId=0', 'page=0', 'pageSize=101']) {
      const r = await client(s.app, A.owner).get(`/api/v1/evaluations?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
