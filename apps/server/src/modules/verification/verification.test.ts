import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { memberMinter } from '../../../test/shop-harness.ts';
import { activeTemplate, requestNo } from '../../../test/voucher-harness.ts';
import { fastVerifyStats } from './verification.fast.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let owner: ReturnType<typeof client>;
let minter: Awaited<ReturnType<typeof memberMinter>>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'verify');
  owner = client(s.app, A.owner);
  minter = await memberMinter(s, A.owner);
});
afterAll(() => s.close());

async function grant(templateId: number, memberId: number, count = 1) {
  const r = await owner.post('/api/v1/vouchers/grants', { templateId, memberId, count });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; code: string }[];
}

/** The holder's view has the full code. */
async function codeOf(token: string, voucherId: number) {
  return (await client(s.app, token).get(`/api/v1/wallet/vouchers/${voucherId}`)).body.code as string;
}

const verifyAs = (token: string, code: string, storeId: number, no = requestNo()) =>
  client(s.app, token).post('/api/v1/verifications', { code, storeId, requestNo: no });

describe('issuance and wallet', () => {
  it('grants into the wallet with the full code for the holder and a masked one for staff', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const m = await minter.member('13300000001');
    const [v] = await grant(t.id, m.id);
    expect(v.code).toMatch(/^•••• \d{4}$/);
    const mine = await client(s.app, m.token).get('/api/v1/wallet/vouchers?state=unused');
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].code).toMatch(/^\d{12}$/);
    expect(mine.body.items[0].code.endsWith(v.code.slice(-4))).toBe(true);
    const other = await minter.member('13300000002');
    expect((await client(s.app, other.token).get(`/api/v1/wallet/vouchers/${v.id}`)).status).toBe(404);

    // The wallet shows the template's logo and card image when it has them.
    expect(mine.body.items[0]).toMatchObject({ logoUrl: null, imageUrl: null });
    const branded = await activeTemplate(s, A.merchant.id, {
      logoUrl: '/media/1/logo.png',
      imageUrl: '/media/1/card.png',
    });
    const [b] = await grant(branded.id, m.id);
    expect((await client(s.app, m.token).get(`/api/v1/wallet/vouchers/${b.id}`)).body).toMatchObject({
      logoUrl: '/media/1/logo.png',
      imageUrl: '/media/1/card.png',
    });
  });

  it('lists what is usable now: inside validity, today allowed, and at the store when given', async () => {
    const m = await minter.member('13300000016');
    const today = new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' });
    const idx = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(today);
    const notToday = Array.from({ length: 7 }, (_, i) => (i === idx ? '0' : '1')).join('');
    const make = async (over: Parameters<typeof activeTemplate>[2]) =>
      (await grant((await activeTemplate(s, A.merchant.id, over)).id, m.id))[0].id as number;
    const anywhere = await make({});
    const onlyStore2 = await make({ storeIds: [A.store2.id] });
    await make({ useWeek: notToday });
    await make({
      validityKind: 'fixed',
      validFrom: Date.now() + 86_400_000,
      validUntil: Date.now() + 2 * 86_400_000,
    });
    const used = await make({});
    expect((await verifyAs(A.owner, await codeOf(m.token, used), A.store1.id)).status).toBe(201);

    const ids = async (query: string) => {
      const r = await client(s.app, m.token).get(`/api/v1/wallet/vouchers?usable=true${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items as { id: number }[]).map((v) => v.id).sort((a, b) => a - b);
    };
    expect(await ids('')).toEqual([anywhere, onlyStore2]);
    expect(await ids(`&storeId=${A.store1.id}`)).toEqual([anywhere]);
    expect(await ids(`&storeId=${A.store2.id}`)).toEqual([anywhere, onlyStore2]);
    expect(await ids(`&storeUrl=${encodeURIComponent(A.store1.verifyUrl)}`)).toEqual([anywhere]);
    const B = await seedMerchant(s, 'verify-usable-b');
    expect(
      (await client(s.app, m.token).get(`/api/v1/wallet/vouchers?usable=true&storeId=${B.store1.id}`)).status,
    ).toBe(404);
    expect(
      (await client(s.app, m.token).get('/api/v1/wallet/vouchers?usable=true&storeUrl=nonsense')).status,
    ).toBe(404);
    // Without `usable`, the 未使用 tab still lists the four that are not used, not-yet-valid included.
    expect((await client(s.app, m.token).get('/api/v1/wallet/vouchers?state=unused')).body.total).toBe(4);
  });

  it('refuses templates that are not active, and holds the per-member limit under concurrency', async () => {
    const pending = await activeTemplate(s, A.merchant.id, { status: 'pending_review' });
    const m = await minter.member('13300000003');
    const r = await owner.post('/api/v1/vouchers/grants', { templateId: pending.id, memberId: m.id });
    expect(r.body.error.code).toBe('TEMPLATE_NOT_ACTIVE');
    const limited = await activeTemplate(s, A.merchant.id, { perMemberLimit: 3 });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        owner.post('/api/v1/vouchers/grants', { templateId: limited.id, memberId: m.id }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'VOUCHER_LIMIT_REACHED'),
    ).toBe(true);
  });

  it('a voucher product issues one voucher per unit when paid, once, and a refund disables them', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const bad = await owner.post('/api/v1/products', {
      type: 'voucher',
      name: 'x',
      priceCents: 100,
      stock: 1,
      fulfilRef: '999999',
    });
    expect(bad.body.error.code).toBe('FULFIL_REF_INVALID');
    const p = await owner.post('/api/v1/products', {
      type: 'voucher',
      name: '咖啡券',
      priceCents: 1_500,
      stock: 10,
      onSale: true,
      fulfilRef: String(t.id),
    });
    expect(p.status).toBe(201);
    const m = await minter.member('13300000004');
    const co = await client(s.app, m.token).post('/api/v1/shop/checkouts', {
      items: [{ productId: p.body.id, quantity: 2 }],
    });
    const token = (co.body.payUrl as string).split('/').pop()!;
    const notice = s.ctx.payments.sandbox.sign({
      outTradeNo: token,
      tradeNo: 'T-V',
      amountCents: co.body.totalCents,
      status: 'SUCCESS',
      paidAt: Date.now(),
    });
    for (let i = 0; i < 3; i++)
      await s.app.inject({ method: 'POST', url: '/api/v1/payments/sandbox/callback', payload: notice });
    const wallet = await client(s.app, m.token).get('/api/v1/wallet/vouchers');
    expect(wallet.body.total).toBe(2);
    const order = (await client(s.app, m.token).get('/api/v1/shop/orders')).body.items[0];
    expect(order.status).toBe('completed');
    expect(order.items[0].fulfilment.result.vouchers).toHaveLength(2);
    await owner.post(`/api/v1/orders/${order.id}/refund`, {});
    const after = await client(s.app, m.token).get('/api/v1/wallet/vouchers?state=disabled');
    expect(after.body.total).toBe(2);
  });
});

describe('verification', () => {
  it('a verifier verifies at its store; a retry with the same request number changes nothing', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const m = await minter.member('13300000011');
    const [v] = await grant(t.id, m.id);
    const code = await codeOf(m.token, v.id);
    const no = requestNo();
    const first = await verifyAs(A.verifier, code, A.store1.id, no);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ channel: 'staff', storeId: A.store1.id, voucherId: v.id });
    const retry = await verifyAs(A.verifier, code, A.store1.id, no);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const again = await verifyAs(A.verifier, code, A.store1.id);
    expect(again.body.error.code).toBe('VOUCHER_ALREADY_USED');
    expect((await client(s.app, m.token).get(`/api/v1/wallet/vouchers/${v.id}`)).body.shownState).toBe(
      'used',
    );

    const [w] = await grant(t.id, m.id);
    const reused = await verifyAs(A.verifier, await codeOf(m.token, w.id), A.store1.id, no);
    expect(reused.body.error.code).toBe('REQUEST_NO_REUSED');
  });

  it('refuses each rule with its own code', async () => {
    const m = await minter.member('13300000012');
    const code = async (over: Parameters<typeof activeTemplate>[2]) => {
      const t = await activeTemplate(s, A.merchant.id, over);
      const [v] = await grant(t.id, m.id);
      return { code: await codeOf(m.token, v.id), id: v.id };
    };
    // Out of the verifier's scope: the store does not exist for it.
    expect((await verifyAs(A.verifier, (await code({})).code, A.store2.id)).status).toBe(404);
    // Weekday: no weekday allowed except one that is not today.
    const today = new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' });
    const idx = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(today);
    const week = Array.from({ length: 7 }, (_, i) => (i === (idx + 1) % 7 ? '1' : '0')).join('');
    expect((await verifyAs(A.owner, (await code({ useWeek: week })).code, A.store1.id)).body.error.code).toBe(
      'VOUCHER_WRONG_WEEKDAY',
    );
    expect(
      (await verifyAs(A.owner, (await code({ storeIds: [A.store2.id] })).code, A.store1.id)).body.error.code,
    ).toBe('VOUCHER_WRONG_STORE');
    const past = await code({
      validityKind: 'fixed',
      validFrom: Date.now() - 10 * 86_400_000,
      validUntil: Date.now() + 1000,
    });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await verifyAs(A.owner, past.code, A.store1.id)).body.error.code).toBe('VOUCHER_EXPIRED');
    const future = await code({
      validityKind: 'fixed',
      validFrom: Date.now() + 86_400_000,
      validUntil: Date.now() + 2 * 86_400_000,
    });
    expect((await verifyAs(A.owner, future.code, A.store1.id)).body.error.code).toBe('VOUCHER_NOT_YET_VALID');
    const notSelf = await code({});
    const self = await client(s.app, m.token).post(`/api/v1/wallet/vouchers/${notSelf.id}/self-verify`, {
      storeUrl: A.store1.verifyUrl,
      requestNo: requestNo(),
    });
    expect(self.body.error.code).toBe('SELF_VERIFY_NOT_ALLOWED');
    expect((await verifyAs(A.owner, '000000000000', A.store1.id)).body.error.code).toBe('VOUCHER_NOT_FOUND');
    expect((await verifyAs(A.owner, 'abc', A.store1.id)).status).toBe(400);
  });

  it('self-verification with the store QR where allowed; another merchant cannot see the voucher', async () => {
    const t = await activeTemplate(s, A.merchant.id, { isSelf: 1 });
    const m = await minter.member('13300000013');
    const [v] = await grant(t.id, m.id);
    const r = await client(s.app, m.token).post(`/api/v1/wallet/vouchers/${v.id}/self-verify`, {
      storeUrl: A.store2.verifyUrl,
      requestNo: requestNo(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ channel: 'self', storeId: A.store2.id });
    const B = await seedMerchant(s, 'verify-b');
    expect((await verifyAs(B.owner, await codeOf(m.token, v.id), B.store1.id)).body.error.code).toBe(
      'VOUCHER_NOT_FOUND',
    );
  });

  it('undo inside the window is idempotent and makes the voucher usable again; outside it is refused', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const m = await minter.member('13300000014');
    const [v] = await grant(t.id, m.id);
    const code = await codeOf(m.token, v.id);
    const done = await verifyAs(A.verifier, code, A.store1.id);
    const undo = await client(s.app, A.verifier).post(`/api/v1/verifications/${done.body.id}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body.undoneAt).not.toBeNull();
    expect((await client(s.app, A.verifier).post(`/api/v1/verifications/${done.body.id}/undo`)).body.id).toBe(
      done.body.id,
    );
    expect((await client(s.app, m.token).get(`/api/v1/wallet/vouchers/${v.id}`)).body.shownState).toBe(
      'unused',
    );
    const second = await verifyAs(A.verifier, code, A.store1.id);
    expect(second.status).toBe(201);
    await s.ctx.db
      .updateTable('verifications')
      .set({ at: Date.now() - 61 * 60_000 })
      .where('id', '=', second.body.id)
      .execute();
    const late = await client(s.app, A.owner).post(`/api/v1/verifications/${second.body.id}/undo`);
    expect(late.body.error.code).toBe('UNDO_WINDOW_PASSED');
    const records = await client(s.app, A.verifier).get(`/api/v1/verifications?voucherId=${v.id}`);
    expect(records.body.items.map((r: { undoneAt: string | null }) => r.undoneAt === null)).toEqual([
      true,
      false,
    ]);

    // The merchant widens the window: the same record can be undone again, and the change is audited.
    const settings = client(s.app, A.owner);
    expect((await settings.get('/api/v1/verification-settings')).body).toEqual({ undoWindowMinutes: 60 });
    expect(
      (await client(s.app, A.verifier).put('/api/v1/verification-settings', { undoWindowMinutes: 90 }))
        .status,
    ).toBe(403);
    expect((await settings.put('/api/v1/verification-settings', { undoWindowMinutes: 1441 })).status).toBe(
      400,
    );
    expect((await settings.put('/api/v1/verification-settings', {})).status).toBe(400);
    const wider = await settings.put('/api/v1/verification-settings', { undoWindowMinutes: 90 });
    expect(wider.body).toEqual({ undoWindowMinutes: 90 });
    expect(
      (await client(s.app, A.verifier).get('/api/v1/verification-settings')).body.undoWindowMinutes,
    ).toBe(90);
    const inside = await client(s.app, A.owner).post(`/api/v1/verifications/${second.body.id}/undo`);
    expect(inside.status).toBe(200);
    expect(inside.body.undoneAt).not.toBeNull();
    const audit = await client(s.app, A.owner).get('/api/v1/audit?action=verification.settings.update');
    expect(JSON.stringify(audit.body)).toContain('verification.settings.update');

    // 0 turns undo off.
    await settings.put('/api/v1/verification-settings', { undoWindowMinutes: 0 });
    const third = await verifyAs(A.verifier, code, A.store1.id);
    const off = await client(s.app, A.verifier).post(`/api/v1/verifications/${third.body.id}/undo`);
    expect(off.body.error.code).toBe('UNDO_WINDOW_PASSED');
    await settings.put('/api/v1/verification-settings', { undoWindowMinutes: 60 });
  });
});

describe('counter QR', () => {
  it('verifies with the fresh QR payload; an old or altered payload is refused', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const m = await minter.member('13300000021');
    const [v] = await grant(t.id, m.id);
    const qr = await client(s.app, m.token).get(`/api/v1/wallet/vouchers/${v.id}/qr`);
    expect(qr.body.payload).toMatch(/^KQV1\.\d+\.\d+\.[\w-]{22}$/);
    const { counterQr } = await import('../vouchers/counter-qr.ts');
    const old = counterQr(s.ctx.keys, v.id, Date.now() - 3 * 60_000).payload;
    const send = (body: Record<string, unknown>) =>
      client(s.app, A.verifier).post('/api/v1/verifications', {
        storeId: A.store1.id,
        requestNo: requestNo(),
        ...body,
      });
    expect((await send({ qr: old })).body.error.code).toBe('QR_EXPIRED');
    const last = qr.body.payload.slice(-1) === 'x' ? 'y' : 'x';
    expect((await send({ qr: `${qr.body.payload.slice(0, -1)}${last}` })).body.error.code).toBe('QR_INVALID');
    expect((await send({})).body.error.code).toBe('CODE_OR_QR_REQUIRED');
    const ok = await send({ qr: qr.body.payload });
    expect(ok.status).toBe(201);
    expect(ok.body.voucherId).toBe(v.id);
  });
});

describe('request numbers under concurrency', () => {
  it('20 concurrent retries of one request all answer the same single verification', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const m = await minter.member('13300000031');
    const [v] = await grant(t.id, m.id);
    const code = await codeOf(m.token, v.id);
    const no = requestNo();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => verifyAs(A.verifier, code, A.store1.id, no)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });
});

describe('many verifications at once (gathered into batches on PostgreSQL)', () => {
  it('answers each request on its own: successes, a second try of a used voucher, retries, a reused number, a store out of scope', async () => {
    const t = await activeTemplate(s, A.merchant.id);
    const m = await minter.member('13300000041');
    await grant(t.id, m.id, 30);
    const wallet = await client(s.app, m.token).get('/api/v1/wallet/vouchers?state=unused&pageSize=100');
    const codes = (wallet.body.items as { code: string }[]).map((v) => v.code);
    expect(codes).toHaveLength(30);
    const before = fastVerifyStats(s.ctx);
    const retried = requestNo();
    const sent = [
      ...codes.slice(0, 28).map((code) => ({ kind: 'fresh', code, store: A.store1.id, no: requestNo() })),
      ...Array.from({ length: 5 }, () => ({
        kind: 'again',
        code: codes[0],
        store: A.store1.id,
        no: requestNo(),
      })),
      ...Array.from({ length: 5 }, () => ({
        kind: 'retry',
        code: codes[28],
        store: A.store1.id,
        no: retried,
      })),
      { kind: 'reused', code: codes[29], store: A.store1.id, no: retried },
      { kind: 'scope', code: codes[29], store: A.store2.id, no: requestNo() },
    ];
    const answers = await Promise.all(sent.map((x) => verifyAs(A.verifier, x.code, x.store, x.no)));
    const of = (kind: string) => answers.filter((_, i) => sent[i].kind === kind);
    expect(of('fresh').map((a) => a.status)).toEqual(Array(28).fill(201));
    expect(new Set(of('fresh').map((a) => a.body.voucherId)).size).toBe(28);
    // Each answer is the request's own voucher.
    for (const [i, a] of of('fresh').entries()) expect(a.body.codeMasked.slice(-4)).toBe(codes[i].slice(-4));
    // The five later tries of voucher 1 are refused as used (whichever try won, it is one of 6).
    const firstOfVoucher1 = answers.filter((_, i) => sent[i].code === codes[0]);
    expect(firstOfVoucher1.filter((a) => a.status === 201)).toHaveLength(1);
    expect(
      of('again')
        .filter((a) => a.status === 409)
        .map((a) => a.body.error.code),
    ).toEqual(Array(of('again').filter((a) => a.status === 409).length).fill('VOUCHER_ALREADY_USED'));
    // One request number: the retries and the reuse for another voucher — one record, the same answer to
    // every retry, and the reuse refused (or, when the reuse came first, the retries refused).
    const byNo = [...of('retry'), ...of('reused')];
    const okNo = byNo.filter((a) => a.status === 201);
    expect(new Set(okNo.map((a) => a.body.id)).size).toBe(1);
    expect(byNo.filter((a) => a.status !== 201).map((a) => a.body.error.code)).toEqual(
      Array(byNo.length - okNo.length).fill('REQUEST_NO_REUSED'),
    );
    expect(of('scope')[0].status).toBe(404);
    const records = await s.ctx.db
      .selectFrom('verifications')
      .innerJoin('vouchers', 'vouchers.id', 'verifications.voucherId')
      .where('vouchers.memberId', '=', m.id)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(records.n)).toBe(29);
    if (s.ctx.database.engine === 'postgres') {
      const after = fastVerifyStats(s.ctx);
      // Requests did share statements: fewer batches than requests went through the fast path.
      expect(after.items - before.items).toBeGreaterThan(after.batches - before.batches);
    }
  });
});
