import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;

function lastCode(phone: string): string {
  const lines = readFileSync(join(s.config.dataDir, 'sms-console.log'), 'utf8').trim().split('\n');
  return lines
    .map((l) => JSON.parse(l))
    .filter((m) => m.phone === phone)
    .at(-1).code;
}

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'shop');
});
afterAll(() => s.close());

describe('member sign-in by phone code', () => {
  it('registers a new phone, signs in with a cookie, and logout ends the session', async () => {
    const c = client(s.app);
    const info = await c.get('/api/v1/h5/shop');
    expect(info.body).toEqual({ merchant: { name: '商户 shop', slug: 'shop' }, smsProvider: 'console' });
    const sent = await c.post('/api/v1/h5/shop/auth/sms-code', { phone: '13512345678' });
    expect(sent.body).toEqual({ expiresInSeconds: 300, retryAfterSeconds: 60 });
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/h5/shop/auth/login',
      payload: { phone: '13512345678', code: lastCode('13512345678') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().member.phone).toBe('13512345678');
    const cookie = res.cookies.find((k) => k.name === 'kq_member')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await s.app.inject({
      method: 'GET',
      url: '/api/v1/member/me',
      cookies: { kq_member: cookie.value },
    });
    expect(me.json().merchant.slug).toBe('shop');
    const members = await client(s.app, A.owner).get('/api/v1/members?q=13512345678');
    expect(members.body.total).toBe(1);
    const out = await s.app.inject({
      method: 'POST',
      url: '/api/v1/member/logout',
      cookies: { kq_member: cookie.value },
    });
    expect(out.statusCode).toBe(204);
    const after = await s.app.inject({
      method: 'GET',
      url: '/api/v1/member/me',
      cookies: { kq_member: cookie.value },
    });
    expect(after.statusCode).toBe(401);
  });

  it('a code works once', async () => {
    const c = client(s.app);
    await c.post('/api/v1/h5/shop/auth/sms-code', { phone: '13512340001' });
    const code = lastCode('13512340001');
    expect((await c.post('/api/v1/h5/shop/auth/login', { phone: '13512340001', code })).status).toBe(200);
    const again = await c.post('/api/v1/h5/shop/auth/login', { phone: '13512340001', code });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('SMS_CODE_INVALID');
  });

  it('a code dies after 5 wrong tries, even when the 6th try is right', async () => {
    const c = client(s.app);
    await c.post('/api/v1/h5/shop/auth/sms-code', { phone: '13512340002' });
    const code = lastCode('13512340002');
    const wrong = code === '000000' ? '111111' : '000000';
    const tries = await Promise.all(
      Array.from({ length: 8 }, () =>
        c.post('/api/v1/h5/shop/auth/login', { phone: '13512340002', code: wrong }),
      ),
    );
    expect(tries.every((t) => t.body.error.code === 'SMS_CODE_INVALID')).toBe(true);
    expect((await c.post('/api/v1/h5/shop/auth/login', { phone: '13512340002', code })).status).toBe(400);
  });

  it('a code expires after 5 minutes', async () => {
    const c = client(s.app);
    await c.post('/api/v1/h5/shop/auth/sms-code', { phone: '13512340003' });
    const code = lastCode('13512340003');
    vi.useFakeTimers({ now: Date.now() + 5 * 60_000 + 1000, toFake: ['Date'] });
    try {
      const r = await c.post('/api/v1/h5/shop/auth/login', { phone: '13512340003', code });
      expect(r.body.error.code).toBe('SMS_CODE_INVALID');
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends at most one code a minute to a phone', async () => {
    const c = client(s.app, undefined, { 'accept-language': 'en' });
    expect((await c.post('/api/v1/h5/shop/auth/sms-code', { phone: '13512340004' })).status).toBe(200);
    const second = await c.post('/api/v1/h5/shop/auth/sms-code', { phone: '13512340004' });
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('SMS_TOO_FREQUENT');
    expect(second.body.error.message).toMatch(/try again in \d+ s/);
  });

  it('a code for one merchant does not sign in at another, and an unknown merchant is 404', async () => {
    const c = client(s.app);
    await client(s.app, A.op).post('/api/v1/merchants', {
      name: 'Other',
      slug: 'other',
      owner: { login: 'o@other.test', name: 'o', password: 'correct-horse-battery' },
    });
    await c.post('/api/v1/h5/shop/auth/sms-code', { phone: '13512340005' });
    const code = lastCode('13512340005');
    expect(
      (await c.post('/api/v1/h5/other/auth/login', { phone: '13512340005', code })).body.error.code,
    ).toBe('SMS_CODE_INVALID');
    const unknown = await c.post('/api/v1/h5/nope/auth/sms-code', { phone: '13512340005' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('MERCHANT_NOT_FOUND');
  });

  it('refuses phone numbers and codes of the wrong shape', async () => {
    const c = client(s.app);
    for (const phone of ['12345', '23800000000', '1380000000a', 13800000000]) {
      const r = await c.post('/api/v1/h5/shop/auth/sms-code', { phone });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await c.post('/api/v1/h5/shop/auth/login', { phone: '13800000000', code: '12' })).status).toBe(
      400,
    );
  });

  it('a staff token is not a member session', async () => {
    expect((await client(s.app, A.owner).get('/api/v1/member/me')).status).toBe(403);
  });
});
