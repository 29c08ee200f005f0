// Two real server processes (`kaquan serve`, each with its own connection pool) on one PostgreSQL
// database sell from one pool over HTTP: 1,000 buyers, 300 keys. Every checkout is opened first,
// then every payment lands at once on either process: exactly 300 keys are delivered, none twice,
// and the pool's counter equals the table.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardKeyProduct, importKeys, keyLines, NAME_PHONE, newPool } from '../../../test/card-key-harness.ts';
import {
  createTestDatabase,
  createTestServer,
  engine,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';
import { memberMinter } from '../../../test/shop-harness.ts';
import * as repo from './card-key.repo.ts';

const PURCHASES = 1_000;
const KEYS = 300;
const BIN = join(import.meta.dirname, '../../../bin/kaquan.mjs');

let shared: Awaited<ReturnType<typeof createTestDatabase>>;
let setup: TestServer;
const processes: { child: ChildProcess; base: string }[] = [];

async function startProcess(port: number) {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      ...shared.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KAQUAN_SERVE_WEB: 'false',
      KAQUAN_DB_POOL: '8',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, base };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`server on ${port} did not start`);
}

beforeAll(async () => {
  if (engine !== 'postgres') return;
  shared = await createTestDatabase();
  setup = await createTestServer({ shared });
  const port = 4300 + Math.floor(Math.random() * 500);
  processes.push(await startProcess(port), await startProcess(port + 1));
}, 120_000);
afterAll(async () => {
  for (const p of processes) {
    p.child.kill('SIGTERM');
    await new Promise((r) => p.child.once('exit', r));
  }
  await setup?.close();
  await shared?.drop();
});

async function post(base: string, path: string, token: string, body?: unknown) {
  const res = await fetch(base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': body === undefined ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  return res;
}

it.skipIf(engine !== 'postgres')(
  `${PURCHASES} purchases of a ${KEYS}-key pool over 2 server processes: each key delivered once`,
  async () => {
    const A = await seedMerchant(setup, 'keyproc');
    const minter = await memberMinter(setup, A.owner);
    const pool = await newPool(setup, A.owner, { name: '多进程卡池' });
    await importKeys(setup, A.owner, pool.id, keyLines('PROC', KEYS));
    const product = await cardKeyProduct(setup, A.owner, pool.id, { stock: PURCHASES });
    const buyers: string[] = [];
    for (let i = 0; i < 20; i++)
      buyers.push((await minter.member(`139100063${String(i).padStart(2, '0')}`)).token);

    const payUrls = await Promise.all(
      Array.from({ length: PURCHASES }, async (_, i) => {
        const res = await post(processes[i % 2].base, '/api/v1/shop/checkouts', buyers[i % buyers.length], {
          items: [{ productId: product.id, quantity: 1 }],
          buyer: NAME_PHONE,
        });
        const body = (await res.json()) as { payUrl: string };
        expect(res.status, JSON.stringify(body)).toBe(201);
        return body.payUrl;
      }),
    );
    const landed = await Promise.all(
      payUrls.map(async (url, i) => {
        const res = await post(processes[(i + 1) % 2].base, `${url}/pay`, '');
        return res.headers.get('location') ?? '';
      }),
    );
    expect(landed.filter((l) => /\/orders\/\d+$/.test(l))).toHaveLength(PURCHASES);

    const db = setup.ctx.db;
    const sales = await db.selectFrom('cardKeySales').where('poolId', '=', pool.id).select('keyId').execute();
    expect(sales).toHaveLength(KEYS);
    expect(new Set(sales.map((s) => s.keyId)).size).toBe(KEYS);
    const table = await repo.countKeys(db, pool.id);
    expect(table).toEqual({ available: 0, occupied: 0, sold: KEYS });
    expect((await repo.countsOf(db, [pool.id])).get(pool.id)).toEqual(table);
    const waiting = await db
      .selectFrom('cardKeyBackorders')
      .where('poolId', '=', pool.id)
      .select((eb) => eb.fn.sum<string>('missing').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(waiting.n)).toBe(PURCHASES - KEYS);
  },
  300_000,
);
