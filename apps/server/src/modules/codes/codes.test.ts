import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantCodes as plant } from '../../../test/codes-harness.ts';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { ADDRESS, memberMinter, orderIdFrom, physical, pressPayPage } from '../../../test/shop-harness.ts';
import { activeTemplate, requestNo } from '../../../test/voucher-harness.ts';
import { generateFromCli } from './codes.cli.ts';
import { ALPHABETS, CODE_LENGTH, generateCodes, guessOdds } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import { codeHash, codeRows, runNextBatch } from './generation.service.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let B: Awaited<ReturnType<typeof seedMerchant>>;
let owner: ReturnType<typeof client>;
let minter: Awaited<ReturnType<typeof memberMinter>>;
let gift: { id: number };
let mug: { id: number };
let libraryId: number;
let phone = 13910005000;
const nextPhone = () => String(phone++);

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'codes-a');
  B = await seedMerchant(s, 'codes-b');
  owner = client(s.app, A.owner);
  minter = await memberMinter(s, A.owner);
  gift = (await owner.post('/api/v1/products', physical({ name: '兑换礼盒', stock: 1000 }))).body;
  mug = (await owner.post('/api/v1/products', physical({ name: '马克杯', stock: 1000 }))).body;
  const t = await activeTemplate(s, A.merchant.id, { isGiving: 1, title: '礼品兑换券' });
  const lib = await owner.post('/api/v1/codes/libraries', {
    name: '春节礼品卡',
    format: 'mixed',
    templateId: t.id,
    reward: [
      { productId: gift.id, quantity: 1 },
      { productId: mug.id, quantity: 2 },
    ],
  });
  expect(lib.status, JSON.stringify(lib.body)).toBe(201);
  libraryId = lib.body.id;
  await owner.put('/api/v1/codes/settings', {
    failWindowMinutes: 10,
    maxFailures: 3,
    freezeHours: 2,
    ipMaxFailures: 1000,
    dailyLimit: 0,
  });
}, 60_000);
afterAll(() => s.close());

const plantCodes = (n: number, lib = libraryId, merchantId = A.merchant.id) =>
  plant(s, { merchantId, libraryId: lib }, n);

const codeIdOf = async (code: string, merchantId = A.merchant.id) =>
  (await repo.findCodeByHash(s.ctx.db, merchantId, codeHash(s.ctx, code)))!.id;

async function runBatch(count: number, lib = libraryId) {
  const b = await owner.post(`/api/v1/codes/libraries/${lib}/batches`, { count });
  expect(b.status, JSON.stringify(b.body)).toBe(202);
  const done = await runNextBatch(s.ctx, { onlyId: b.body.id });
  expect(done?.status).toBe('done');
  return b.body.id as number;
}

describe('generation', () => {
  it('draws every character of each alphabet equally often (chi-square over 100,000 codes)', () => {
    for (const format of ['mixed', 'mixed_clear', 'digits'] as const) {
      const alphabet = ALPHABETS[format];
      const codes = generateCodes(format, 100_000);
      // Random draws may repeat: 100,000 twelve-digit codes share one pair about once in 200 runs
      // (birthday bound n²/2N = 0.005), which is why uniqueness is the database's job (tested with
      // two concurrent jobs below). More than two repeats would mean a broken source.
      expect(codes.length - new Set(codes).size).toBeLessThanOrEqual(2);
      const counts = new Map<string, number>();
      for (const c of codes) {
        expect(c).toHaveLength(CODE_LENGTH);
        for (const ch of c) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      }
      expect([...counts.keys()].sort().join('')).toBe([...alphabet].sort().join(''));
      const expected = (codes.length * CODE_LENGTH) / alphabet.length;
      const chi2 = [...counts.values()].reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
      // Critical value at p = 0.000001 (Wilson–Hilferty): a fair source fails this once in a million
      // runs (at p = 0.001 three alphabets failed CI one run in ~300), while a modulo bias — 8 of 62
      // characters a quarter more likely — gives a chi-square in the thousands.
      const k = alphabet.length - 1;
      const critical = k * (1 - 2 / (9 * k) + 4.753 * Math.sqrt(2 / (9 * k))) ** 3;
      expect(chi2).toBeLessThan(critical);
    }
    expect(ALPHABETS.mixed_clear).not.toMatch(/[0O1lI]/);
  });

  it('tells the odds once a digits library is dense', () => {
    expect(guessOdds('digits', 1_000_000).warn).toBe(true);
    expect(guessOdds('digits', 1_000_000).oneIn).toBe(1_000_000);
    expect(guessOdds('mixed', 1_000_000).warn).toBe(false);
  });

  it('two concurrent jobs into one library: every code distinct, the database refuses duplicates', async () => {
    const n = 15_000;
    const b1 = (await owner.post(`/api/v1/codes/libraries/${libraryId}/batches`, { count: n })).body;
    const b2 = (await owner.post(`/api/v1/codes/libraries/${libraryId}/batches`, { count: n })).body;
    const [r1, r2] = await Promise.all([
      runNextBatch(s.ctx, { onlyId: b1.id }),
      runNextBatch(s.ctx, { onlyId: b2.id }),
    ]);
    expect([r1?.status, r2?.status]).toEqual(['done', 'done']);
    const rows = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('batchId', 'in', [b1.id, b2.id])
      .select(['codeHash', 'serial', 'batchId'])
      .execute();
    expect(rows).toHaveLength(2 * n);
    expect(new Set(rows.map((r) => r.codeHash)).size).toBe(2 * n);
    // A code drawn again is skipped by the unique index, not stored twice.
    const [one] = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('batchId', '=', b1.id)
      .select('codeEnc')
      .limit(1)
      .execute();
    const again = codeRows(s.ctx, [s.ctx.keys.decrypt(one!.codeEnc)], {
      merchantId: A.merchant.id,
      libraryId,
      batchId: b1.id,
      firstSerial: n + 1,
      at: Date.now(),
    });
    expect(await repo.insertCodes(s.ctx.db, s.ctx.database.engine, again)).toBe(0);
    const progress = await owner.get(`/api/v1/codes/batches/${b1.id}`);
    expect(progress.body).toMatchObject({ requested: n, generated: n, status: 'done' });
  }, 120_000);

  it('cancels and resumes a batch; resumes one whose worker stopped (lease ran out)', async () => {
    const b = (await owner.post(`/api/v1/codes/libraries/${libraryId}/batches`, { count: 30 })).body;
    const cancelled = await owner.post(`/api/v1/codes/batches/${b.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await owner.post(`/api/v1/codes/batches/${b.id}/cancel`)).body.error.code).toBe(
      'BATCH_NOT_CANCELLABLE',
    );
    expect(await runNextBatch(s.ctx, { onlyId: b.id })).toBeUndefined();
    expect((await owner.post(`/api/v1/codes/batches/${b.id}/resume`)).body.status).toBe('queued');
    // A worker that took the batch and stopped: running, lease in the past.
    await s.ctx.db
      .updateTable('codeBatches')
      .set({ status: 'running', leaseUntil: Date.now() - 1 })
      .where('id', '=', b.id)
      .execute();
    expect((await runNextBatch(s.ctx, { onlyId: b.id }))?.generated).toBe(30);
    const audit = await owner.get(`/api/v1/audit?targetType=code_batch&targetId=${b.id}`);
    expect(audit.body.items.map((x: { action: string }) => x.action)).toEqual(
      expect.arrayContaining([
        'code_batch.create',
        'code_batch.cancel',
        'code_batch.resume',
        'code_batch.done',
      ]),
    );
  });

  it('validates libraries and keeps other merchants out', async () => {
    const cash = await activeTemplate(s, A.merchant.id, { kind: 'cash', amountCents: 100 });
    const bad = await owner.post('/api/v1/codes/libraries', {
      name: 'x',
      format: 'digits',
      templateId: cash.id,
      reward: [{ productId: gift.id, quantity: 1 }],
    });
    expect(bad.body.error.code).toBe('LIBRARY_TEMPLATE_INVALID');
    const bProduct = (await client(s.app, B.owner).post('/api/v1/products', physical())).body;
    const t = await activeTemplate(s, A.merchant.id);
    const foreign = await owner.post('/api/v1/codes/libraries', {
      name: 'x',
      format: 'digits',
      templateId: t.id,
      reward: [{ productId: bProduct.id, quantity: 1 }],
    });
    expect(foreign.body.error.code).toBe('LIBRARY_REWARD_INVALID');
    expect((await owner.post('/api/v1/codes/libraries', { name: '' })).status).toBe(400);
    expect(
      (await owner.post(`/api/v1/codes/libraries/${libraryId}/batches`, { count: 1_000_001 })).status,
    ).toBe(400);
    expect((await client(s.app, B.owner).get(`/api/v1/codes/libraries/${libraryId}`)).status).toBe(404);
    expect((await client(s.app, B.owner).get('/api/v1/codes/batches')).body).toEqual([]);
    expect((await client(s.app, A.verifier).get('/api/v1/codes/libraries')).status).toBe(403);
  });
});

describe('export', () => {
  it('streams 100,000 codes to CSV matching the database; a formula-like code is neutralised', async () => {
    const n = 100_000;
    const batchId = await runBatch(n);
    const evil = '=HYPERLINK(1)';
    await repo.insertCodes(s.ctx.db, s.ctx.database.engine, [
      ...codeRows(s.ctx, [evil], {
        merchantId: A.merchant.id,
        libraryId,
        batchId,
        firstSerial: n + 1,
        at: Date.now(),
      }),
    ]);
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/v1/codes/batches/${batchId}/export?format=csv`,
      headers: { authorization: `Bearer ${A.owner}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('serial,code,status,redeem_url');
    expect(lines).toHaveLength(n + 2);
    const rows = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('batchId', '=', batchId)
      .select(['serial', 'codeEnc', 'state'])
      .orderBy('serial')
      .execute();
    expect(rows).toHaveLength(n + 1);
    for (let i = 0; i < rows.length; i += 997) {
      const code = s.ctx.keys.decrypt(rows[i]!.codeEnc);
      if (code === evil) continue;
      expect(lines[i + 1]).toBe(
        `${rows[i]!.serial},${code},unused,http://kaquan.test/h5/codes-a/redeem?code=${code}`,
      );
    }
    const exported = new Set(lines.slice(1, n + 1).map((l) => l.split(',')[1]));
    const stored = new Set(rows.slice(0, n).map((r) => s.ctx.keys.decrypt(r.codeEnc)));
    expect(exported).toEqual(stored);
    const last = lines[n + 1]!;
    expect(last.startsWith(`${n + 1},'=HYPERLINK(1),unused,`)).toBe(true);
    const audit = await owner.get(`/api/v1/audit?targetType=code_batch&targetId=${batchId}`);
    expect(audit.body.items.map((x: { action: string }) => x.action)).toContain('code_batch.export');
  }, 180_000);

  it('writes XLSX; only owners and managers may export', async () => {
    const batchId = await runBatch(40);
    await repo.insertCodes(s.ctx.db, s.ctx.database.engine, [
      ...codeRows(s.ctx, ['+SUM(A1)'], {
        merchantId: A.merchant.id,
        libraryId,
        batchId,
        firstSerial: 41,
        at: Date.now(),
      }),
    ]);
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/v1/codes/batches/${batchId}/export?format=xlsx`,
      headers: { authorization: `Bearer ${A.manager}` },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(42);
    expect(sheet.getRow(42).getCell(2).value).toBe("'+SUM(A1)");
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^[A-Za-z0-9]{12}$/);
    const asVerifier = await client(s.app, A.verifier).get(`/api/v1/codes/batches/${batchId}/export`);
    expect(asVerifier.status).toBe(403);
    const key = await owner.post('/api/v1/api-keys', { name: 'codes', scopes: ['vouchers:read'] });
    expect((await client(s.app, key.body.secret).get(`/api/v1/codes/batches/${batchId}/export`)).status).toBe(
      403,
    );
    expect((await client(s.app, B.owner).get(`/api/v1/codes/batches/${batchId}/export`)).status).toBe(404);
  });
});

describe('redemption center', () => {
  it('shows the reward and redeems online into a zero-price order (idempotent)', async () => {
    const [code] = await plantCodes(1);
    const m = await minter.member(nextPhone());
    const me = client(s.app, m.token);
    const look = await me.post('/api/v1/redemption/lookup', { code });
    expect(look.status, JSON.stringify(look.body)).toBe(200);
    expect(look.body).toMatchObject({ libraryName: '春节礼品卡', title: '礼品兑换券', voucherId: null });
    expect(
      look.body.options.map((o: { productId: number; quantity: number }) => [o.productId, o.quantity]),
    ).toEqual([
      [gift.id, 1],
      [mug.id, 2],
    ]);
    const other = await minter.member(nextPhone());
    expect(
      (
        await client(s.app, other.token).post('/api/v1/redemption/redeem', {
          code,
          productId: 999_999,
          buyer: ADDRESS,
        })
      ).body.error.code,
    ).toBe('REWARD_NOT_OFFERED');
    expect((await me.post('/api/v1/redemption/redeem', { code, productId: mug.id })).body.error.code).toBe(
      'BUYER_INFO_REQUIRED',
    );
    const key = { 'idempotency-key': `redeem-${code}` };
    const first = await me.post(
      '/api/v1/redemption/redeem',
      { code, productId: mug.id, buyer: ADDRESS },
      key,
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const replay = await me.post(
      '/api/v1/redemption/redeem',
      { code, productId: mug.id, buyer: ADDRESS },
      key,
    );
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(
      (await me.post('/api/v1/redemption/redeem', { code, productId: mug.id, buyer: ADDRESS })).body.error
        .code,
    ).toBe('CODE_ALREADY_REDEEMED');
    const order = await me.get(`/api/v1/shop/orders/${first.body.orderId}`);
    expect(order.body).toMatchObject({ channel: 'redemption', totalCents: 0 });
    expect(order.body.items).toMatchObject([{ productId: mug.id, quantity: 2 }]);
    const listed = await owner.get(`/api/v1/codes?code=${code}`);
    expect(listed.body.items).toMatchObject([
      { state: 'redeemed', redeemedVia: 'online', orderId: first.body.orderId },
    ]);
    expect(listed.body.items[0].code).not.toContain(code.slice(0, 8));
    const mine = await me.get('/api/v1/redemption/my-codes');
    expect(mine.body).toMatchObject([{ code, state: 'redeemed', orderId: first.body.orderId }]);
  });

  it('takes a code into the wallet; a verifier verifies it at the store by the same code', async () => {
    const [code] = await plantCodes(1);
    const m = await minter.member(nextPhone());
    const claimed = await client(s.app, m.token).post('/api/v1/redemption/claim', { code });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    const v = await client(s.app, m.token).get(`/api/v1/wallet/vouchers/${claimed.body.voucherId}`);
    expect(v.body).toMatchObject({ code, state: 'unused', channel: 'code', title: '礼品兑换券' });
    const verified = await client(s.app, A.verifier).post('/api/v1/verifications', {
      code,
      storeId: A.store1.id,
      requestNo: requestNo(),
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(201);
    // Someone else entering it learns nothing: it is in another member's wallet.
    expect(
      (
        await client(s.app, (await minter.member(nextPhone())).token).post('/api/v1/redemption/lookup', {
          code,
        })
      ).body.error.code,
    ).toBe('CODE_INVALID');
    expect((await client(s.app, m.token).post('/api/v1/redemption/lookup', { code })).body.error.code).toBe(
      'CODE_ALREADY_REDEEMED',
    );
  });

  it('refuses disabled and expired codes; disable and enable are audited', async () => {
    const [code] = await plantCodes(1);
    const id = await codeIdOf(code!);
    const m = await minter.member(nextPhone());
    const me = client(s.app, m.token);
    expect((await owner.post(`/api/v1/codes/${id}/disable`)).body.state).toBe('disabled');
    expect((await owner.post(`/api/v1/codes/${id}/disable`)).body.error.code).toBe('CODE_STATE_CONFLICT');
    expect((await me.post('/api/v1/redemption/lookup', { code })).body.error.code).toBe('CODE_DISABLED');
    expect(
      (await me.post('/api/v1/redemption/redeem', { code, productId: gift.id, buyer: ADDRESS })).body.error
        .code,
    ).toBe('CODE_DISABLED');
    expect((await owner.post(`/api/v1/codes/${id}/enable`)).body.state).toBe('unused');
    expect((await me.post('/api/v1/redemption/lookup', { code })).status).toBe(200);
    expect((await client(s.app, B.owner).post(`/api/v1/codes/${id}/disable`)).status).toBe(404);
    const audit = await owner.get(`/api/v1/audit?targetType=redemption_code&targetId=${id}`);
    expect(audit.body.items.map((x: { action: string }) => x.action).sort()).toEqual([
      'code.disable',
      'code.enable',
    ]);

    const t = await activeTemplate(s, A.merchant.id);
    const old = await owner.post('/api/v1/codes/libraries', {
      name: '过期卡',
      format: 'digits',
      templateId: t.id,
      reward: [{ productId: gift.id, quantity: 1 }],
      validUntil: new Date(Date.now() - 60_000).toISOString(),
    });
    const [stale] = await plantCodes(1, old.body.id);
    expect((await me.post('/api/v1/redemption/lookup', { code: stale })).body.error.code).toBe(
      'CODE_EXPIRED',
    );
    expect((await me.post('/api/v1/redemption/claim', { code: stale })).body.error.code).toBe('CODE_EXPIRED');
    const shown = await owner.get(`/api/v1/codes?libraryId=${old.body.id}`);
    expect(shown.body.items[0].state).toBe('expired');
  });

  it("answers a code of merchant B at merchant A's center exactly like a wrong code", async () => {
    const tB = await activeTemplate(s, B.merchant.id);
    const pB = (await client(s.app, B.owner).post('/api/v1/products', physical())).body;
    const libB = await client(s.app, B.owner).post('/api/v1/codes/libraries', {
      name: 'B 卡',
      format: 'mixed',
      templateId: tB.id,
      reward: [{ productId: pB.id, quantity: 1 }],
    });
    const [codeB] = await plantCodes(1, libB.body.id, B.merchant.id);
    const m = await minter.member(nextPhone());
    const me = client(s.app, m.token);
    const foreign = await me.post('/api/v1/redemption/lookup', { code: codeB });
    const wrong = await me.post('/api/v1/redemption/lookup', { code: 'AbCdEfGh2345' });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toEqual(wrong.body);
    expect(foreign.body.error.code).toBe('CODE_INVALID');
    expect(Object.keys(foreign.headers).sort()).toEqual(Object.keys(wrong.headers).sort());
  });

  it('freezes after N wrong entries with the time left; N−1 wrong then right succeeds', async () => {
    const [right] = await plantCodes(1);
    const lucky = client(s.app, (await minter.member(nextPhone())).token);
    for (let i = 0; i < 2; i++)
      expect(
        (await lucky.post('/api/v1/redemption/lookup', { code: `Wrong${i}Code123` })).body.error.code,
      ).toBe('CODE_INVALID');
    expect((await lucky.post('/api/v1/redemption/lookup', { code: right })).status).toBe(200);

    const unlucky = client(s.app, (await minter.member(nextPhone())).token);
    expect((await unlucky.post('/api/v1/redemption/lookup', { code: 'Wrong0Code123' })).status).toBe(400);
    expect((await unlucky.post('/api/v1/redemption/lookup', { code: '12' })).status).toBe(400);
    const third = await unlucky.post('/api/v1/redemption/lookup', { code: 'Wrong2Code123' });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('CODE_FROZEN');
    expect(third.body.error.message).toContain('120 分钟');
    const refused = await unlucky.post('/api/v1/redemption/redeem', {
      code: right,
      productId: gift.id,
      buyer: ADDRESS,
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('CODE_FROZEN');
    expect(refused.body.error.details.retryAfterSeconds).toBeGreaterThan(7000);
    expect(
      (await lucky.post('/api/v1/redemption/redeem', { code: right, productId: gift.id, buyer: ADDRESS }))
        .status,
    ).toBe(201);
  });

  it('freezes an IP that enters too many wrong codes, whichever members it uses', async () => {
    await owner.put('/api/v1/codes/settings', {
      failWindowMinutes: 10,
      maxFailures: 3,
      freezeHours: 1,
      ipMaxFailures: 4,
      dailyLimit: 0,
    });
    const [right] = await plantCodes(1);
    const from = async (token: string, ip: string, code: string) =>
      s.app.inject({
        method: 'POST',
        url: '/api/v1/redemption/lookup',
        remoteAddress: ip,
        headers: { authorization: `Bearer ${token}` },
        payload: { code },
      });
    const members = await Promise.all([1, 2, 3].map(() => minter.member(nextPhone())));
    for (const m of members.slice(0, 2))
      for (let i = 0; i < 2; i++)
        expect((await from(m.token, '10.9.9.9', `Wrong${i}Code123`)).statusCode).toBeGreaterThanOrEqual(400);
    const third = await from(members[2]!.token, '10.9.9.9', right!);
    expect(third.statusCode).toBe(429);
    expect((await from(members[2]!.token, '10.9.9.8', right!)).statusCode).toBe(200);
    await owner.put('/api/v1/codes/settings', {
      failWindowMinutes: 10,
      maxFailures: 3,
      freezeHours: 2,
      ipMaxFailures: 1000,
      dailyLimit: 0,
    });
  });

  it('holds the daily limit per member per merchant day', async () => {
    await owner.put('/api/v1/codes/settings', {
      failWindowMinutes: 10,
      maxFailures: 3,
      freezeHours: 2,
      ipMaxFailures: 1000,
      dailyLimit: 2,
    });
    const codes = await plantCodes(3);
    const me = client(s.app, (await minter.member(nextPhone())).token);
    expect((await me.post('/api/v1/redemption/claim', { code: codes[0] })).status).toBe(201);
    expect(
      (await me.post('/api/v1/redemption/redeem', { code: codes[1], productId: gift.id, buyer: ADDRESS }))
        .status,
    ).toBe(201);
    const third = await me.post('/api/v1/redemption/claim', { code: codes[2] });
    expect(third.body.error.code).toBe('DAILY_REDEEM_LIMIT');
    expect(third.body.error.message).toContain('2');
    const someoneElse = client(s.app, (await minter.member(nextPhone())).token);
    expect((await someoneElse.post('/api/v1/redemption/claim', { code: codes[2] })).status).toBe(201);
    await owner.put('/api/v1/codes/settings', {
      failWindowMinutes: 10,
      maxFailures: 3,
      freezeHours: 2,
      ipMaxFailures: 1000,
      dailyLimit: 0,
    });
  });
});

describe('gift cards', () => {
  it('buying issues one code per unit into the wallet; the holder can gift it and the friend redeems it', async () => {
    const card = await owner.post(
      '/api/v1/products',
      physical({
        type: 'gift_card',
        name: '礼品卡',
        priceCents: 5000,
        fulfilRef: String(libraryId),
        svipPriceCents: null,
      }),
    );
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    const buyer = await minter.member(nextPhone());
    const co = await client(s.app, buyer.token).post('/api/v1/shop/checkouts', {
      items: [{ productId: card.body.id, quantity: 2 }],
    });
    expect(co.status, JSON.stringify(co.body)).toBe(201);
    const orderId = orderIdFrom(await pressPayPage(s, co.body.payUrl));
    const order = await client(s.app, buyer.token).get(`/api/v1/shop/orders/${orderId}`);
    const delivered = order.body.items[0].fulfilment;
    expect(delivered.status).toBe('delivered');
    expect(delivered.result.codes).toHaveLength(2);
    const mine = await client(s.app, buyer.token).get('/api/v1/redemption/my-codes');
    expect(mine.body).toHaveLength(2);
    for (const c of mine.body) expect(c.code).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(delivered.result.codes.map((c: { tail: string }) => c.tail).sort()).toEqual(
      mine.body.map((c: { code: string }) => c.code.slice(-4)).sort(),
    );
    const wallet = await client(s.app, buyer.token).get('/api/v1/wallet/vouchers');
    const codesInWallet = wallet.body.items.map((v: { code: string }) => v.code).sort();
    expect(codesInWallet).toEqual(mine.body.map((c: { code: string }) => c.code).sort());

    const [first] = mine.body;
    const started = await client(s.app, buyer.token).post(`/api/v1/wallet/vouchers/${first.voucherId}/gift`);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const friend = await minter.member(nextPhone());
    const accepted = await client(s.app, friend.token).post(
      `/api/v1/wallet/gifts/${started.body.giftId}/accept`,
      {
        code: started.body.code,
      },
    );
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    // The giver still knows the code, but it is no longer theirs to redeem.
    expect(
      (await client(s.app, buyer.token).post('/api/v1/redemption/lookup', { code: first.code })).body.error
        .code,
    ).toBe('CODE_INVALID');
    const redeemed = await client(s.app, friend.token).post('/api/v1/redemption/redeem', {
      code: first.code,
      productId: gift.id,
      buyer: ADDRESS,
    });
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(201);
    const v = await client(s.app, friend.token).get(`/api/v1/wallet/vouchers/${first.voucherId}`);
    expect(v.body.state).toBe('used');
  });
});

describe('command line', () => {
  it('`kaquan codes generate` works a batch with a progress bar', async () => {
    const out: string[] = [];
    const done = await generateFromCli(
      s.ctx,
      { merchant: 'codes-a', library: libraryId, count: 25_000 },
      (x) => out.push(x),
    );
    expect(done).toMatchObject({ status: 'done', generated: 25_000 });
    const bars = out.join('').split('\r').filter(Boolean);
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars.at(-1)).toMatch(/^\[#{30}\] 100% 25,000\/25,000/);
    await expect(
      generateFromCli(s.ctx, { merchant: 'no-such', library: libraryId, count: 1 }, () => {}),
    ).rejects.toMatchObject({ code: 'MERCHANT_NOT_FOUND' });
  });
});

describe('links', () => {
  it('gives the redemption-center and gift-card links with QR images', async () => {
    const links = await owner.get('/api/v1/codes/links');
    expect(links.body).toMatchObject({
      redeemUrl: 'http://kaquan.test/h5/codes-a/redeem',
      giftCardUrl: 'http://kaquan.test/h5/codes-a/gift-cards',
    });
    expect(links.body.redeemQr).toMatch(/^data:image\/png;base64,/);
  });
});
