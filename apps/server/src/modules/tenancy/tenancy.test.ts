import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestServer,
  login,
  PASSWORD,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let B: Awaited<ReturnType<typeof seedMerchant>>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'alpha');
  B = await seedMerchant(s, 'beta');
});
afterAll(() => s.close());

describe('staff sign-in and sessions', () => {
  it('signs in with a cookie and with a bearer token, and logout ends the session at once', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'OWNER@alpha.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kq_staff');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const viaCookie = await s.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { kq_staff: cookie!.value },
    });
    expect(viaCookie.json().user.login).toBe('owner@alpha.test');
    expect(viaCookie.json().merchant.slug).toBe('alpha');

    const token = res.json().token as string;
    expect((await client(s.app, token).post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client(s.app, token).get('/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses a wrong password with the same answer as an unknown login', async () => {
    const wrong = await client(s.app).post('/api/v1/auth/login', {
      login: 'owner@alpha.test',
      password: 'nope-nope',
    });
    const unknown = await client(s.app).post('/api/v1/auth/login', {
      login: 'ghost@alpha.test',
      password: 'nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rate-limits repeated failed sign-ins for one account, even with the right password afterwards', async () => {
    const c = client(s.app);
    await c.post('/api/v1/staff', {}); // no-op, keeps the client warm
    const owner = client(s.app, A.owner);
    await owner.post('/api/v1/staff', {
      login: 'target@alpha.test',
      name: 'T',
      password: PASSWORD,
      role: 'verifier',
      allStores: true,
    });
    for (let i = 0; i < 10; i++) {
      expect(
        (await c.post('/api/v1/auth/login', { login: 'target@alpha.test', password: 'wrong-pass' })).status,
      ).toBe(401);
    }
    const limited = await c.post('/api/v1/auth/login', { login: 'target@alpha.test', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('operator', () => {
  it('creates, lists, suspends and resumes merchants; merchant staff cannot', async () => {
    const op = client(s.app, A.op);
    const list = await op.get('/api/v1/merchants?q=alpha');
    expect(list.body.items.map((m: { slug: string }) => m.slug)).toEqual(['alpha']);
    expect((await client(s.app, A.owner).get('/api/v1/merchants')).status).toBe(403);
    const dup = await op.post('/api/v1/merchants', {
      name: 'x',
      slug: 'alpha',
      owner: { login: 'x@x.test', name: 'x', password: PASSWORD },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('SLUG_TAKEN');
    const reserved = await op.post('/api/v1/merchants', {
      name: 'x',
      slug: 'staff',
      owner: { login: 'y@x.test', name: 'x', password: PASSWORD },
    });
    expect(reserved.body.error.code).toBe('SLUG_TAKEN');
  });

  it('a suspended merchant: its staff, API keys and members are refused until it resumes', async () => {
    const op = client(s.app, A.op);
    const created = await op.post('/api/v1/merchants', {
      name: 'Gamma',
      slug: 'gamma',
      owner: { login: 'owner@gamma.test', name: 'G', password: PASSWORD },
    });
    const id = created.body.merchant.id;
    const owner = await login(s.app, 'owner@gamma.test');
    const key = (
      await client(s.app, owner).post('/api/v1/api-keys', {
        name: 'k',
        scopes: ['members:read', 'members:sessions'],
      })
    ).body.secret;
    const member = (await client(s.app, owner).post('/api/v1/members', { phone: '13900000009' })).body;
    const memberToken = (await client(s.app, key).post(`/api/v1/members/${member.id}/sessions`, {})).body
      .token;
    expect((await client(s.app, memberToken).get('/api/v1/member/me')).status).toBe(200);

    expect((await op.post(`/api/v1/merchants/${id}/suspend`)).body.status).toBe('suspended');
    for (const [token, url] of [
      [owner, '/api/v1/merchant'],
      [key, '/api/v1/members'],
      [memberToken, '/api/v1/member/me'],
    ]) {
      const r = await client(s.app, token).get(url);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('MERCHANT_SUSPENDED');
    }
    const relogin = await client(s.app).post('/api/v1/auth/login', {
      login: 'owner@gamma.test',
      password: PASSWORD,
    });
    expect(relogin.body.error.code).toBe('MERCHANT_SUSPENDED');
    expect((await client(s.app).get('/api/v1/h5/gamma')).status).toBe(404);

    await op.post(`/api/v1/merchants/${id}/resume`);
    expect((await client(s.app, owner).get('/api/v1/merchant')).status).toBe(200);
  });
});

describe('tenancy: nobody crosses into another merchant', () => {
  it('a verifier of A cannot see a store of B (404, same as a store that does not exist)', async () => {
    const v = client(s.app, A.verifier);
    const foreign = await v.get(`/api/v1/stores/${B.store1.id}`);
    const missing = await v.get('/api/v1/stores/999999');
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('a verifier acts only in its stores: the other store of its own merchant is 404 and not listed', async () => {
    const v = client(s.app, A.verifier);
    expect((await v.get(`/api/v1/stores/${A.store1.id}`)).status).toBe(200);
    expect((await v.get(`/api/v1/stores/${A.store2.id}`)).status).toBe(404);
    const list = await v.get('/api/v1/stores');
    expect(list.body.items.map((st: { id: number }) => st.id)).toEqual([A.store1.id]);
    expect((await v.post('/api/v1/stores', { name: 'nope' })).status).toBe(403);
    expect((await v.get('/api/v1/staff')).status).toBe(403);
  });

  it("a manager cannot change another merchant's staff, nor owners of its own", async () => {
    const m = client(s.app, A.manager);
    const foreign = await m.patch(`/api/v1/staff/${B.verifierUser.id}`, { name: 'hijacked' });
    expect(foreign.status).toBe(404);
    expect((await m.post(`/api/v1/staff/${B.verifierUser.id}/revoke`)).status).toBe(404);
    const ownerRow = (await client(s.app, A.owner).get('/api/v1/auth/me')).body.user;
    expect((await m.patch(`/api/v1/staff/${ownerRow.id}`, { name: 'x' })).status).toBe(403);
    const promote = await m.post('/api/v1/staff', {
      login: 'boss@alpha.test',
      name: 'x',
      password: PASSWORD,
      role: 'owner',
    });
    expect(promote.status).toBe(403);
    expect(promote.body.error.code).toBe('ROLE_NOT_ALLOWED');
    const bStaff = await client(s.app, B.owner).get(`/api/v1/staff`);
    expect(bStaff.body.items.find((u: { id: number }) => u.id === B.verifierUser.id).name).toBe('V');
  });

  it("a staff scope cannot name another merchant's store", async () => {
    const r = await client(s.app, A.owner).post('/api/v1/staff', {
      login: 'sneaky@alpha.test',
      name: 'S',
      password: PASSWORD,
      role: 'verifier',
      storeIds: [B.store1.id],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('STORE_NOT_IN_MERCHANT');
  });

  it("an API key of A cannot read B's members, nor act beyond its scopes", async () => {
    const ownerB = client(s.app, B.owner);
    const bMember = (await ownerB.post('/api/v1/members', { phone: '13700000001', name: 'B member' })).body;
    const keyA = (
      await client(s.app, A.owner).post('/api/v1/api-keys', { name: 'mall', scopes: ['members:read'] })
    ).body;
    expect(keyA.secret).toMatch(/^kqk_[A-Za-z0-9]{12}_/);
    const k = client(s.app, keyA.secret);
    expect((await k.get(`/api/v1/members/${bMember.id}`)).status).toBe(404);
    const list = await k.get('/api/v1/members');
    expect(list.status).toBe(200);
    expect(list.body.items.some((m: { id: number }) => m.id === bMember.id)).toBe(false);
    expect((await k.post('/api/v1/members', { phone: '13700000002' })).status).toBe(403);
    expect((await k.get('/api/v1/api-keys')).status).toBe(403);
    expect((await k.get('/api/v1/staff')).status).toBe(403);
  });

  it('a revoked API key is refused at once, and listing never shows the secret', async () => {
    const owner = client(s.app, A.owner);
    const created = (await owner.post('/api/v1/api-keys', { name: 'temp', scopes: ['merchant:read'] })).body;
    const k = client(s.app, created.secret);
    expect((await k.get('/api/v1/merchant')).status).toBe(200);
    const listed = await owner.get('/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    expect(
      listed.body.items.find((x: { id: number }) => x.id === created.apiKey.id).lastUsedAt,
    ).not.toBeNull();
    await owner.post(`/api/v1/api-keys/${created.apiKey.id}/revoke`);
    expect((await k.get('/api/v1/merchant')).status).toBe(401);
    const forged = `${created.secret.slice(0, 18)}${'x'.repeat(43)}`;
    expect((await client(s.app, forged).get('/api/v1/merchant')).status).toBe(401);
  });

  it('a revoked verifier is refused at once, including its open sessions, and can be restored', async () => {
    const owner = client(s.app, A.owner);
    await owner.post('/api/v1/staff', {
      login: 'temp-v@alpha.test',
      name: 'T',
      password: PASSWORD,
      role: 'verifier',
      storeIds: [A.store1.id],
    });
    const token = await login(s.app, 'temp-v@alpha.test');
    const id = (await client(s.app, token).get('/api/v1/auth/me')).body.user.id;
    expect((await client(s.app, token).get(`/api/v1/stores/${A.store1.id}`)).status).toBe(200);
    const revoked = await client(s.app, A.manager).post(`/api/v1/staff/${id}/revoke`);
    expect(revoked.body.status).toBe('revoked');
    expect((await client(s.app, token).get(`/api/v1/stores/${A.store1.id}`)).status).toBe(401);
    const again = await client(s.app).post('/api/v1/auth/login', {
      login: 'temp-v@alpha.test',
      password: PASSWORD,
    });
    expect(again.body.error.code).toBe('ACCOUNT_REVOKED');
    await owner.post(`/api/v1/staff/${id}/restore`);
    expect(
      (await client(s.app, await login(s.app, 'temp-v@alpha.test')).get(`/api/v1/stores/${A.store1.id}`))
        .status,
    ).toBe(200);
  });

  it("narrowing a verifier's scope takes effect on its next request", async () => {
    const owner = client(s.app, A.owner);
    const v = (
      await owner.post('/api/v1/staff', {
        login: 'scope@alpha.test',
        name: 'S',
        password: PASSWORD,
        role: 'verifier',
        allStores: true,
      })
    ).body;
    const token = await login(s.app, 'scope@alpha.test');
    expect((await client(s.app, token).get(`/api/v1/stores/${A.store2.id}`)).status).toBe(200);
    const patched = await owner.patch(`/api/v1/staff/${v.id}`, { allStores: false, storeIds: [A.store1.id] });
    expect(patched.body.storeIds).toEqual([A.store1.id]);
    expect((await client(s.app, token).get(`/api/v1/stores/${A.store2.id}`)).status).toBe(404);
  });

  it('the only owner cannot be revoked or demoted', async () => {
    const owner = client(s.app, A.owner);
    const me = (await owner.get('/api/v1/auth/me')).body.user;
    expect((await owner.post(`/api/v1/staff/${me.id}/revoke`)).body.error.code).toBe('LAST_OWNER');
    expect((await owner.patch(`/api/v1/staff/${me.id}`, { role: 'manager' })).body.error.code).toBe(
      'LAST_OWNER',
    );
  });

  it("member sessions minted by one merchant cannot be minted for another merchant's member", async () => {
    const bMember = (await client(s.app, B.owner).post('/api/v1/members', { phone: '13700000011' })).body;
    const keyA = (
      await client(s.app, A.owner).post('/api/v1/api-keys', { name: 'app', scopes: ['members:sessions'] })
    ).body.secret;
    expect((await client(s.app, keyA).post(`/api/v1/members/${bMember.id}/sessions`, {})).status).toBe(404);
    expect((await client(s.app, A.owner).post(`/api/v1/members/${bMember.id}/sessions`, {})).status).toBe(
      403,
    );
  });
});

describe('stores', () => {
  it('has a verification URL and a QR image in PNG and SVG', async () => {
    const owner = client(s.app, A.owner);
    const store = (await owner.get(`/api/v1/stores/${A.store1.id}`)).body;
    expect(store.verifyUrl).toMatch(/^http:\/\/kaquan\.test\/h5\/alpha\/verify\?store=[\w-]{16}$/);
    const png = await s.app.inject({
      method: 'GET',
      url: `/api/v1/stores/${A.store1.id}/qr.png?size=256`,
      headers: { authorization: `Bearer ${A.owner}` },
    });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const svg = await s.app.inject({
      method: 'GET',
      url: `/api/v1/stores/${A.store1.id}/qr.svg`,
      headers: { authorization: `Bearer ${A.owner}` },
    });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    const foreign = await s.app.inject({
      method: 'GET',
      url: `/api/v1/stores/${B.store1.id}/qr.png`,
      headers: { authorization: `Bearer ${A.owner}` },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('edits a store and records before and after in the audit log', async () => {
    const owner = client(s.app, A.owner);
    const r = await owner.patch(`/api/v1/stores/${A.store2.id}`, { status: 'closed', phone: '021-1' });
    expect(r.body.status).toBe('closed');
    const audit = await owner.get(
      `/api/v1/audit?targetType=store&targetId=${A.store2.id}&action=store.update`,
    );
    expect(audit.body.items[0].before.status).toBe('open');
    expect(audit.body.items[0].after.status).toBe('closed');
    expect(audit.body.items[0].actorName).toBe('owner@alpha.test');
  });
});

describe('store verification URL', () => {
  it('resolves to the store for a member of the same merchant only (S4.9)', async () => {
    const key = (
      await client(s.app, A.owner).post('/api/v1/api-keys', {
        name: 'app2',
        scopes: ['members:write', 'members:sessions'],
      })
    ).body.secret;
    const member = (await client(s.app, key).post('/api/v1/members', { phone: '13700000099' })).body;
    const token = (
      await client(s.app, key).post(`/api/v1/members/${member.id}/sessions`, { ttlSeconds: 600 })
    ).body.token;
    const m = client(s.app, token);
    const own = (await client(s.app, A.owner).get(`/api/v1/stores/${A.store1.id}`)).body.verifyUrl;
    const foreign = (await client(s.app, B.owner).get(`/api/v1/stores/${B.store1.id}`)).body.verifyUrl;
    const r = await m.get(`/api/v1/member/stores/resolve?url=${encodeURIComponent(own)}`);
    expect(r.body).toMatchObject({ id: A.store1.id, name: 'alpha store 1' });
    expect((await m.get(`/api/v1/member/stores/resolve?url=${encodeURIComponent(foreign)}`)).status).toBe(
      404,
    );
    expect((await m.get('/api/v1/member/stores/resolve?url=not-a-url')).status).toBe(404);
  });
});

describe('members', () => {
  it('creates and searches members; a phone is unique per merchant only', async () => {
    const a = client(s.app, A.owner);
    expect(
      (await a.post('/api/v1/members', { phone: '13611112222', name: '赵六', externalId: 'ext-1' })).status,
    ).toBe(201);
    const dup = await a.post('/api/v1/members', { phone: '13611112222' });
    expect(dup.body.error.code).toBe('PHONE_TAKEN');
    expect((await client(s.app, B.owner).post('/api/v1/members', { phone: '13611112222' })).status).toBe(201);
    for (const q of ['赵', '1361111', 'ext-1']) {
      const r = await a.get(`/api/v1/members?q=${encodeURIComponent(q)}`);
      expect(r.body.items.map((m: { phone: string }) => m.phone)).toEqual(['13611112222']);
    }
    expect((await a.get('/api/v1/members?q=%25')).body.items).toEqual([]); // % is a character, not a wildcard
  });
});

describe('audit', () => {
  it('is per merchant for owners and across merchants for the operator', async () => {
    const a = await client(s.app, A.owner).get('/api/v1/audit?pageSize=100');
    expect(a.body.items.length).toBeGreaterThan(0);
    expect(a.body.items.every((e: { merchantId: number }) => e.merchantId === A.merchant.id)).toBe(true);
    const op = await client(s.app, A.op).get(`/api/v1/audit?merchantId=${B.merchant.id}&action=store.create`);
    expect(op.body.items.length).toBe(2);
    expect((await client(s.app, A.verifier).get('/api/v1/audit')).status).toBe(403);
  });
});
