// Purchase benchmark: buy now (checkout, stock reserved) + the sandbox's signed pay callback
// (order, fulfilment, points, commissions), many connections, against a real server process.
//
//   node --import tsx bench/purchase.ts [--engine postgres|sqlite] [--duration 20] [--connections 64]
//     [--products 1]   1 = every buyer on one product (a flash sale: one hot stock row);
//                      N = buyers spread over N products (an ordinary mall).
//     [--keys]         each checkout with its own Idempotency-Key, as the H5 pages send it.
//
// PostgreSQL: a fresh database on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Prints a table and one JSON line. The ceiling is GET /healthz on the same process in the same run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createKeys } from '../apps/server/src/lib/keys.ts';
import { sandboxProvider } from '../apps/server/src/modules/commerce/payment/sandbox.ts';
import { freshPg } from './fresh-pg.ts';
import { commitsOf, cpuMs, postgresPids } from './proc.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '64' },
    members: { type: 'string', default: '200' },
    products: { type: 'string', default: '1' },
    // Each checkout with a fresh Idempotency-Key, as the H5 pages send it.
    keys: { type: 'boolean', default: false },
  },
});
const engine = args.engine as 'postgres' | 'sqlite';
const duration = Number(args.duration);
const connections = Number(args.connections);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const PORT = 3400 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${PORT}`;

async function json(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const out = (await res.json()) as Record<string, unknown> & { error?: unknown };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  // biome-ignore lint/suspicious/noExplicitAny: the bench reads arbitrary JSON answers
  return out as Record<string, any>;
}

async function waitReady() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaquan-bench-'));
  const db = engine === 'postgres' ? await freshPg() : null;
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, 'apps/server/bin/kaquan.mjs', 'demo'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      KAQUAN_DATA_DIR: dataDir,
      KAQUAN_SECRET: SECRET,
      KAQUAN_SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
      ...(db ? { DATABASE_URL: db.url } : { DATABASE_URL: '' }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitReady();
    const owner = (
      await json('POST', '/api/v1/auth/login', { login: 'owner@demo.kaquan', password: 'kaquan-demo' })
    ).token as string;
    const key = await json(
      'POST',
      '/api/v1/api-keys',
      { name: 'bench', scopes: ['members:write', 'members:sessions', 'commerce:write'] },
      owner,
    );
    const products = [];
    for (let i = 0; i < Number(args.products); i++) {
      products.push(
        await json(
          'POST',
          '/api/v1/products',
          {
            type: 'physical',
            name: '压测商品',
            priceCents: 1990,
            stock: 100_000_000,
            onSale: true,
            memberPriceAllowed: true,
            pointsAllowed: true,
            commission: {
              enabled: true,
              distributorBp: [1000, 500, 200],
              teamBp: 300,
              shareholderBp: 100,
              regionalBp: 0,
            },
          },
          key.secret,
        ),
      );
    }
    const referrer = await json('POST', '/api/v1/members', { phone: '13500000000', name: 'ref' }, key.secret);
    const tokens: string[] = [];
    for (let i = 1; i <= Number(args.members); i++) {
      const m = await json(
        'POST',
        '/api/v1/members',
        { phone: `135${String(i).padStart(8, '0')}` },
        key.secret,
      );
      await json('PATCH', `/api/v1/members/${m.id}/commerce`, { referrerId: referrer.id }, key.secret);
      tokens.push((await json('POST', `/api/v1/members/${m.id}/sessions`, {}, key.secret)).token);
    }

    const ceiling = await autocannon({ url: `${base}/healthz`, connections, duration: 5 });

    const sandbox = sandboxProvider(createKeys(SECRET), null as never);
    const bodies = products.map((product) =>
      JSON.stringify({
        items: [{ productId: product.id, quantity: 1 }],
        buyer: { name: '压测', phone: '13500000000', region: '上海', address: '压测路 1 号' },
      }),
    );
    let bodyNo = 0;
    const latencies: number[] = [];
    let paid = 0;
    let failed = 0;
    let clientNo = 0;
    const commitsBefore = db ? await commitsOf(db.url) : 0;
    const cpuBefore = { server: cpuMs([server.pid!]), postgres: cpuMs(postgresPids()) };
    const result = await autocannon({
      url: base,
      connections,
      duration,
      setupClient(client) {
        client.setHeaders({
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[clientNo++ % tokens.length]}`,
        });
      },
      requests: [
        {
          method: 'POST',
          path: '/api/v1/shop/checkouts',
          setupRequest(req, context) {
            context.started = performance.now();
            context.body ??= bodies[bodyNo++ % bodies.length];
            if (!args.keys) return { ...req, body: context.body as string };
            return {
              ...req,
              headers: { ...req.headers, 'idempotency-key': randomUUID() },
              body: context.body as string,
            };
          },
          onResponse(status, body, context) {
            if (status !== 201) {
              failed++;
              context.token = null;
              return;
            }
            const co = JSON.parse(body) as { payUrl: string; totalCents: number };
            context.token = co.payUrl.split('/').pop();
            context.amount = co.totalCents;
          },
        },
        {
          method: 'POST',
          path: '/api/v1/payments/sandbox/callback',
          setupRequest(req, context) {
            if (!context.token) return { ...req, path: '/healthz', method: 'GET', body: undefined };
            const notice = sandbox.sign({
              outTradeNo: context.token as string,
              tradeNo: `B${context.token}`,
              amountCents: context.amount as number,
              status: 'SUCCESS',
              paidAt: Date.now(),
            });
            return { ...req, body: JSON.stringify(notice) };
          },
          onResponse(status, body, context) {
            if (!context.token) return;
            if (status === 200 && (JSON.parse(body) as { status: string }).status === 'paid') {
              paid++;
              latencies.push(performance.now() - (context.started as number));
            } else failed++;
          },
        },
      ],
    });
    latencies.sort((a, b) => a - b);
    // CPU per purchase (steadier than purchases/s on a shared machine) and purchases per commit
    // (how many a batch carried; the statistics collector reports within about a second).
    const cpuPer = (now: number, before: number) =>
      paid ? Number(((now - before) / paid).toFixed(2)) : null;
    const serverCpuMs = cpuPer(cpuMs([server.pid!]), cpuBefore.server);
    const postgresCpuMs = db ? cpuPer(cpuMs(postgresPids()), cpuBefore.postgres) : null;
    await new Promise((r) => setTimeout(r, 1500));
    const commits = db ? (await commitsOf(db.url)) - commitsBefore : 0;
    const out = {
      bench: 'purchase',
      engine,
      products: products.length,
      date: new Date().toISOString().slice(0, 10),
      connections,
      durationS: duration,
      purchases: paid,
      purchasesPerSec: Math.round(paid / duration),
      failed,
      non2xx: result.non2xx,
      errors: result.errors,
      purchaseP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      purchaseP99Ms: Number(percentile(latencies, 99).toFixed(1)),
      requestP99Ms: result.latency.p99,
      serverCpuMsPerPurchase: serverCpuMs,
      postgresCpuMsPerPurchase: postgresCpuMs,
      commitsPerPurchase: commits > 0 ? Number((commits / paid).toFixed(2)) : null,
      ceilingHealthzReqPerSec: Math.round(ceiling.requests.average),
    };
    console.table([out]);
    console.log(JSON.stringify(out));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
