import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../test/harness.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;

beforeAll(async () => {
  s = await createTestServer({ env: { KAQUAN_BODY_LIMIT: '65536' } });
  A = await seedMerchant(s, 'http');
});
afterAll(() => s.close());

const raw = (
  method: 'POST' | 'PATCH' | 'GET',
  url: string,
  payload: string | undefined,
  token: string,
  headers = {},
) =>
  s.app.inject({
    method,
    url,
    payload,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  });

describe('process and readiness', () => {
  it('answers /healthz and /readyz with the engine', async () => {
    expect((await s.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await s.app.inject({ url: '/readyz' })).json().database).toBe(s.ctx.database.engine);
  });

  it('sends a request id and security headers on every response, and keeps a sane caller id', async () => {
    const r = await s.app.inject({ url: '/api/v1/auth/me', headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers['x-request-id']).toBe('abc-123');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    const weird = await s.app.inject({ url: '/api/v1/auth/me', headers: { 'x-request-id': '<script>' } });
    expect(weird.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('OpenAPI', () => {
  it('documents every API route with a request and response schema, and serves the docs UI', async () => {
    const doc = (await s.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = s.app.printRoutes({ commonPrefix: false });
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/merchants',
      '/api/v1/stores/{id}',
      '/api/v1/staff/{id}/revoke',
      '/api/v1/members/{id}/sessions',
      '/api/v1/audit',
      '/api/v1/h5/{slug}/auth/login',
    ]) {
      expect(paths).toContain(p);
    }
    for (const [path, ops] of Object.entries<
      Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>
    >(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.keys(op.responses).filter((c) => c.startsWith('2'));
        expect(success.length, `${method} ${path} has a success response`).toBeGreaterThan(0);
        expect(
          op.responses['4XX'] ?? op.responses['4xx'],
          `${method} ${path} documents errors`,
        ).toBeDefined();
        if (
          ['post', 'patch'].includes(method) &&
          !path.endsWith('/logout') &&
          // Actions with nothing to send; a claim carries only its Idempotency-Key; imports are files.
          !/\/(revoke|restore|suspend|resume|cancel|confirm|undo|gift|disable|enable|approve|reveal|pause|start|imports)$/.test(
            path,
          ) &&
          !path.endsWith('/claim/{token}')
        ) {
          expect(op.requestBody, `${method} ${path} documents its body`).toBeDefined();
        }
      }
    }
    expect(routes).toContain('api/v1/');
    const ui = await s.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});

describe('bad input gets a 4xx with a stable code, never a 500', () => {
  it('malformed JSON', async () => {
    const r = await raw('POST', '/api/v1/stores', '{"name": ', A.owner);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('INVALID_JSON');
  });

  it('wrong types and missing fields, with the field named', async () => {
    const c = client(s.app, A.owner);
    const wrong = await c.post('/api/v1/stores', { name: 42 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(wrong.body.error.details)).toContain('name');
    const missing = await c.post('/api/v1/staff', { login: 'x@y.z', name: 'x', role: 'verifier' });
    expect(missing.body.error.details[0].missing).toBe('password');
    const badEnum = await c.post('/api/v1/staff', {
      login: 'x@y.z',
      name: 'x',
      password: 'long-enough',
      role: 'god',
    });
    expect(badEnum.status).toBe(400);
    const arr = await raw('POST', '/api/v1/stores', '[1,2,3]', A.owner);
    expect(arr.statusCode).toBe(400);
    const nul = await raw('POST', '/api/v1/stores', 'null', A.owner);
    expect(nul.statusCode).toBe(400);
  });

  it('oversize bodies', async () => {
    const r = await raw(
      'POST',
      '/api/v1/stores',
      JSON.stringify({ name: 'x', address: 'y'.repeat(70_000) }),
      A.owner,
    );
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('10 kB strings in names', async () => {
    const c = client(s.app, A.owner);
    for (const [url, body] of [
      ['/api/v1/stores', { name: '店'.repeat(10_000) }],
      ['/api/v1/members', { phone: '13800001111', name: 'n'.repeat(10_000) }],
      ['/api/v1/staff', { login: 'l'.repeat(10_000), name: 'x', password: 'long-enough', role: 'verifier' }],
      ['/api/v1/api-keys', { name: 'k'.repeat(10_000), scopes: ['merchant:read'] }],
    ] as const) {
      const r = await c.post(url, body);
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('unknown ids and ids of the wrong shape', async () => {
    const c = client(s.app, A.owner);
    expect((await c.get('/api/v1/stores/424242')).body.error.code).toBe('NOT_FOUND');
    expect((await c.get('/api/v1/members/424242')).status).toBe(404);
    expect((await c.patch('/api/v1/staff/424242', { name: 'x' })).status).toBe(404);
    for (const id of ['abc', '-1', '0', '1.5', '99999999999999999999']) {
      const r = await c.get(`/api/v1/stores/${id}`);
      expect(r.status, id).toBe(400);
    }
    expect((await c.get('/api/v1/nope')).body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('SQL-looking strings are data, not SQL', async () => {
    const c = client(s.app, A.owner);
    const evil = "x'); DROP TABLE stores; --";
    const created = await c.post('/api/v1/stores', { name: evil });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(evil);
    const found = await c.get(`/api/v1/stores?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(0);
    const members = await c.get(`/api/v1/members?q=${encodeURIComponent("%' OR '1'='1")}`);
    expect(members.body.total).toBe(0);
    expect((await c.get('/api/v1/stores')).body.total).toBeGreaterThan(0);
    const login = await client(s.app).post('/api/v1/auth/login', {
      login: "' OR '1'='1",
      password: "' OR '1'='1",
    });
    expect(login.status).toBe(401);
  });

  it('query strings out of range and unsupported content types', async () => {
    const c = client(s.app, A.owner);
    expect((await c.get('/api/v1/members?pageSize=1000')).status).toBe(400);
    expect((await c.get('/api/v1/members?page=0')).status).toBe(400);
    const text = await raw('POST', '/api/v1/stores', '<name>x</name>', A.owner, {
      'content-type': 'application/xml',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await c.get('/api/v1/audit?from=yesterday')).status).toBe(400);
  });

  it('a malformed Authorization header is 401, not a crash', async () => {
    const r = await s.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Basic abc def' } });
    expect(r.statusCode).toBe(401);
    expect((await client(s.app, 'kqk_short').get('/api/v1/merchant')).status).toBe(401);
    expect((await client(s.app, 'kqm_nope').get('/api/v1/member/me')).status).toBe(401);
  });
});

describe('messages follow Accept-Language', () => {
  it('answers in Chinese by default and in English when asked', async () => {
    const zh = await client(s.app).get('/api/v1/auth/me');
    expect(zh.body.error.message).toBe('请先登录');
    const en = await client(s.app, undefined, { 'accept-language': 'en-US,en;q=0.9' }).get('/api/v1/auth/me');
    expect(en.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Please sign in' });
    const nf = await client(s.app, A.owner, { 'accept-language': 'en' }).get('/api/v1/stores/999999');
    expect(nf.body.error.message).toBe('Store not found');
  });
});

describe('CORS', () => {
  it('is closed by default and opens only to configured origins', async () => {
    const pre = {
      method: 'OPTIONS' as const,
      url: '/api/v1/auth/me',
      headers: { origin: 'https://mall.example', 'access-control-request-method': 'GET' },
    };
    const closed = await s.app.inject(pre);
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const open = await createTestServer({ env: { KAQUAN_CORS_ORIGINS: 'https://mall.example' } });
    try {
      const r = await open.app.inject(pre);
      expect(r.headers['access-control-allow-origin']).toBe('https://mall.example');
      const other = await open.app.inject({
        ...pre,
        headers: { ...pre.headers, origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
