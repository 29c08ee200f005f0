// Each test file gets its own fresh, migrated database: a SQLite file in a temp dir by default,
// or a new PostgreSQL database when TEST_DATABASE_URL is set (REDIS_URL turns on Redis counters).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { App, AppContext } from '../src/context.ts';
import { createOperator } from '../src/operator.ts';

export interface TestServer {
  app: App;
  ctx: AppContext;
  config: Config;
  close(): Promise<void>;
}

async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kaquan_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** A database (and data dir) that several app instances can share, as several processes would. */
export async function createTestDatabase() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaquan-test-'));
  const pgDb = process.env.TEST_DATABASE_URL ? await freshPostgres(process.env.TEST_DATABASE_URL) : null;
  const env = {
    KAQUAN_DATA_DIR: dataDir,
    DATABASE_URL: pgDb?.url,
    KAQUAN_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    REDIS_URL: process.env.REDIS_URL,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    KAQUAN_PUBLIC_URL: 'http://kaquan.test',
    // Test files run side by side and race tests start several instances: stay well under
    // PostgreSQL's default 100 connections.
    KAQUAN_DB_POOL: '6',
  };
  return {
    env,
    async drop() {
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestServer(
  opts: {
    env?: Record<string, string | undefined>;
    shared?: Awaited<ReturnType<typeof createTestDatabase>>;
  } = {},
): Promise<TestServer> {
  const database = opts.shared ?? (await createTestDatabase());
  const config = loadConfig({ ...database.env, ...opts.env } as NodeJS.ProcessEnv);
  const namespace = `kqt${Math.random().toString(36).slice(2, 10)}`;
  const { app, ctx } = await buildApp(config, {
    webApps: false,
    counterNamespace: namespace,
    sweepers: false,
  });
  await app.ready();
  return {
    app,
    ctx,
    config,
    async close() {
      await app.close();
      if (!opts.shared) await database.drop();
    },
  };
}

export const PASSWORD = 'correct-horse-battery';

/** Small client over inject: JSON in, JSON out, with a bearer token when given. */
export function client(app: App, token?: string, headers: Record<string, string> = {}) {
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers, ...extra },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    let json: unknown = null;
    try {
      json = res.body ? JSON.parse(res.body) : null;
    } catch {
      json = res.body;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
    return { status: res.statusCode, body: json as any, headers: res.headers };
  };
  return {
    get: (url: string, extra?: Record<string, string>) => call('GET', url, undefined, extra),
    post: (url: string, body?: unknown, extra?: Record<string, string>) =>
      call('POST', url, body ?? {}, extra),
    patch: (url: string, body: unknown, extra?: Record<string, string>) => call('PATCH', url, body, extra),
    put: (url: string, body: unknown, extra?: Record<string, string>) => call('PUT', url, body, extra),
    del: (url: string, extra?: Record<string, string>) => call('DELETE', url, undefined, extra),
  };
}

export async function login(app: App, loginName: string, password = PASSWORD): Promise<string> {
  const res = await client(app).post('/api/v1/auth/login', { login: loginName, password });
  if (res.status !== 200)
    throw new Error(`login ${loginName} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** An operator, and a merchant with an owner, a manager, two stores and a verifier of store 1. */
export async function seedMerchant(s: TestServer, slug: string) {
  const opLogin = `op-${slug}`;
  await createOperator(s.ctx, { login: opLogin, name: 'Operator', password: PASSWORD });
  const op = await login(s.app, opLogin);
  const created = await client(s.app, op).post('/api/v1/merchants', {
    name: `商户 ${slug}`,
    slug,
    owner: { login: `owner@${slug}.test`, name: 'Owner', password: PASSWORD },
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const owner = await login(s.app, `owner@${slug}.test`);
  const o = client(s.app, owner);
  const store1 = (await o.post('/api/v1/stores', { name: `${slug} store 1` })).body;
  const store2 = (await o.post('/api/v1/stores', { name: `${slug} store 2` })).body;
  const manager = (
    await o.post('/api/v1/staff', {
      login: `manager@${slug}.test`,
      name: 'M',
      password: PASSWORD,
      role: 'manager',
    })
  ).body;
  const verifier = (
    await o.post('/api/v1/staff', {
      login: `verifier@${slug}.test`,
      name: 'V',
      password: PASSWORD,
      role: 'verifier',
      storeIds: [store1.id],
    })
  ).body;
  return {
    merchant: created.body.merchant,
    op,
    owner,
    manager: await login(s.app, `manager@${slug}.test`),
    verifier: await login(s.app, `verifier@${slug}.test`),
    managerUser: manager,
    verifierUser: verifier,
    store1,
    store2,
  };
}
