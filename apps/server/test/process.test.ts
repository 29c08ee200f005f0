// Things that span the whole process: settings, the demo seed, unexpected failures, and limits
// shared by several app processes through Redis.
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo.ts';
import { client, createTestDatabase, createTestServer, login, PASSWORD, seedMerchant } from './harness.ts';

describe('settings', () => {
  it('has working defaults: SQLite in ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.engine).toBe('sqlite');
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.redisUrl).toBeNull();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ DATABASE_URL: 'postgres://localhost/kaquan' }, /KAQUAN_SECRET is required/],
    [{ KAQUAN_SECRET: 'short' }, /at least 32/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ KAQUAN_CONFIG_FILE: '/nonexistent/kaquan.json' }, /does not exist/],
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});

describe('demo merchant', () => {
  it('seeds the documented logins and is idempotent on restart', async () => {
    const s = await createTestServer();
    try {
      await seedDemo(s.ctx);
      await seedDemo(s.ctx);
      const owner = await login(s.app, 'owner@demo.kaquan', 'kaquan-demo');
      const verifier = await login(s.app, 'verifier@demo.kaquan', 'kaquan-demo');
      await login(s.app, 'operator', 'kaquan-demo');
      const stores = await client(s.app, owner).get('/api/v1/stores');
      expect(stores.body.total).toBe(2);
      expect((await client(s.app, verifier).get('/api/v1/stores')).body.total).toBe(1);
      expect((await client(s.app, owner).get('/api/v1/members?q=13800000000')).body.total).toBe(1);
      expect((await client(s.app, owner).get('/api/v1/staff')).body.total).toBe(3);
    } finally {
      await s.close();
    }
  });
});

describe('unexpected failures', () => {
  it('answer 500 with a request id and no internals', async () => {
    const s = await createTestServer();
    const A = await seedMerchant(s, 'boom');
    await s.ctx.database.close(); // the database goes away under the running app
    const r = await client(s.app, A.owner).get('/api/v1/members');
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('INTERNAL');
    expect(r.body.error.details.requestId).toBe(r.headers['x-request-id']);
    expect(JSON.stringify(r.body)).not.toMatch(/sqlite|postgres|stack|at /i);
    expect((await s.app.inject({ url: '/readyz' })).statusCode).toBe(503);
    await s.app.close().catch(() => {});
  });
});

describe.runIf(process.env.REDIS_URL)('limits shared by two app processes through Redis', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('failed sign-ins counted on one process lock the account on the other', async () => {
    const shared = await createTestDatabase();
    const one = await createTestServer({ shared });
    const two = await createTestServer({ shared });
    // Both processes must use one counter namespace, as real processes do.
    const ns = `kqshared${Date.now()}`;
    const { buildApp } = await import('../src/app.ts');
    const a = await buildApp(one.config, { webApps: false, counterNamespace: ns, migrate: false });
    const b = await buildApp(two.config, { webApps: false, counterNamespace: ns, migrate: false });
    cleanup.push(async () => {
      await a.app.close();
      await b.app.close();
      await one.close();
      await two.close();
      await shared.drop();
    });
    await seedMerchant(one, 'shared');
    for (let i = 0; i < 10; i++) {
      const target = i % 2 === 0 ? a.app : b.app;
      await client(target).post('/api/v1/auth/login', {
        login: 'owner@shared.test',
        password: 'wrong-password',
      });
    }
    const onA = await client(a.app).post('/api/v1/auth/login', {
      login: 'owner@shared.test',
      password: PASSWORD,
    });
    const onB = await client(b.app).post('/api/v1/auth/login', {
      login: 'owner@shared.test',
      password: PASSWORD,
    });
    expect(onA.status).toBe(429);
    expect(onB.status).toBe(429);
  });
});
