// Redemption-code benchmark (S0): generation of a batch of codes on PostgreSQL and SQLite (time,
// codes/s, peak RSS) against a ceiling taken in the same run — the same rows, already computed,
// written by the same multi-row INSERT, and on PostgreSQL also by COPY (psql); export of the batch
// to CSV over HTTP from a server process of its own (rows/s, the server's CPU time and peak RSS);
// and online redemption over HTTP (req/s, p99) with autocannon in this process, or with wrk
// (`--loader wrk`, Debian's package), which takes less of the machine's two cores.
// Each measured step runs in a process of its own, so peak RSS belongs to that step alone.
//
//   node --import tsx bench/codes.ts [--count 1000000] [--engines postgres,sqlite] [--duration 15] [--connections 32]
//     [--steps generate,export,redeem] [--export-runs 3] [--keyed] [--daily-limit K] [--loader autocannon|wrk]
//     [--rate R] [--redeem-codes N]
//
// The redemptions go as fast as the connections allow (the throughput), or with `--rate R` (wrk only)
// at R per second on a schedule shared by the connections: a request waits for its slot, so the
// latencies are those of a load of R/s, not of a saturated server (the p99 of the target).
//
// The export alone, again, against a database a run left (e.g. with KEEP_DB=1, printed at the end):
//   node --import tsx bench/codes.ts --phase export --engine postgres --db <url> --dir <data dir> --batch <id>
// and the redemptions alone, again (each run generates and redeems codes of a batch of its own):
//   node --import tsx bench/codes.ts --phase redeem --engine postgres --db <url> --dir <data dir> [--loader wrk]
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SERVER_NODE_FLAGS } from './demo-server.ts';
import { freshPg } from './fresh-pg.ts';
import { cpuMs, postgresPids } from './proc.ts';
import { luaString, runWrk } from './wrk.ts';

const { values: args } = parseArgs({
  options: {
    phase: { type: 'string', default: 'main' },
    engine: { type: 'string', default: 'postgres' },
    engines: { type: 'string', default: 'postgres,sqlite' },
    count: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '1' },
    steps: { type: 'string', default: 'generate,export,redeem' },
    'export-runs': { type: 'string', default: '3' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    // Each redemption with an Idempotency-Key of its own, as the H5 sends it.
    keyed: { type: 'boolean', default: false },
    // The merchant's daily limit per member (S0.9; 0 = none): every batch then counts each member's day.
    'daily-limit': { type: 'string', default: '0' },
    // What sends the redemptions: autocannon in this process, or wrk (Debian's package).
    loader: { type: 'string', default: 'autocannon' },
    // Redemptions per second offered on a schedule (wrk only; 0 = as fast as the connections go).
    rate: { type: 'string', default: '0' },
    // Codes generated for the redemptions (default: enough for 8,000/s, or for the rate, over the duration).
    'redeem-codes': { type: 'string', default: '0' },
    db: { type: 'string', default: '' },
    dir: { type: 'string', default: '' },
  },
});
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function env(engine: string, db: string, dir: string) {
  return {
    ...process.env,
    KAQUAN_DATA_DIR: dir,
    KAQUAN_SECRET: SECRET,
    KAQUAN_SERVE_WEB: 'false',
    LOG_LEVEL: 'warn',
    DATABASE_URL: engine === 'postgres' ? db : '',
  };
}

async function appFor(engine: string, db: string, dir: string) {
  Object.assign(process.env, env(engine, db, dir));
  const { loadConfig } = await import('../apps/server/src/config.ts');
  const { buildApp } = await import('../apps/server/src/app.ts');
  return buildApp(loadConfig(), { webApps: false, sweepers: false });
}

/** The demo merchant, its coffee template and cup, and a library of `format` for the batch. */
async function library(ctx: import('../apps/server/src/context.ts').AppContext) {
  const { seedDemo } = await import('../apps/server/src/demo.ts');
  const { createLibrary } = await import('../apps/server/src/modules/codes/library.service.ts');
  const { SYSTEM_ACTOR } = await import('../apps/server/src/modules/audit/audit.service.ts');
  await seedDemo(ctx);
  const m = await ctx.db
    .selectFrom('merchants')
    .where('slug', '=', 'demo')
    .select('id')
    .executeTakeFirstOrThrow();
  const t = await ctx.db
    .selectFrom('voucherTemplates')
    .where('merchantId', '=', m.id)
    .where('kind', '=', 'exchange')
    .select('id')
    .executeTakeFirstOrThrow();
  const p = await ctx.db
    .selectFrom('products')
    .where('merchantId', '=', m.id)
    .select('id')
    .executeTakeFirstOrThrow();
  const lib = await createLibrary(
    ctx,
    m.id,
    { name: 'bench', format: 'mixed', templateId: t.id, reward: [{ productId: p.id, quantity: 1 }] },
    { ...SYSTEM_ACTOR, merchantId: m.id, name: 'bench' },
  );
  return { merchantId: m.id, libraryId: lib.id, productId: p.id };
}

/** Generation through the batch job, then the ceiling: equivalent rows already computed, raw INSERT (and COPY). */
async function phaseGenerate(engine: string, db: string, dir: string, count: number) {
  const { app, ctx } = await appFor(engine, db, dir);
  const { createBatch, runNextBatch } = await import(
    '../apps/server/src/modules/codes/generation.service.ts'
  );
  const { SYSTEM_ACTOR } = await import('../apps/server/src/modules/audit/audit.service.ts');
  const repo = await import('../apps/server/src/modules/codes/codes.repo.ts');
  const { merchantId, libraryId } = await library(ctx);
  const batch = await createBatch(ctx, merchantId, libraryId, count, {
    ...SYSTEM_ACTOR,
    merchantId,
    name: 'bench',
  });
  const rssBefore = rssMb();
  const t0 = performance.now();
  const done = await runNextBatch(ctx, { onlyId: batch.id });
  const seconds = (performance.now() - t0) / 1000;
  const generation = {
    seconds,
    codesPerSec: Math.round(count / seconds),
    peakRssMb: rssMb(),
    rssBeforeMb: rssBefore,
  };
  if (done?.generated !== count) throw new Error(`batch ended ${done?.status} with ${done?.generated}`);

  // The ceiling: rows of the same shape (hash 43, blob 72, tail 4 characters), computed beforehand,
  // into a second library of the same table with the same indexes, by the same statement and chunks.
  const ceilingLib = await library(ctx);
  const chunk = engine === 'postgres' ? 20_000 : 10_000;
  const rows: import('../apps/server/src/modules/codes/codes.repo.ts').NewCode[] = [];
  for (let i = 0; i < count; i++)
    rows.push({
      merchantId: ceilingLib.merchantId,
      libraryId: ceilingLib.libraryId,
      batchId: null,
      serial: i + 1,
      codeHash: randomBytes(32).toString('base64url'),
      codeEnc: `v1.${randomBytes(52).toString('base64url')}`,
      codeTail: 'AbC1',
      createdAt: Date.now(),
    });
  // Without `on conflict` where generation goes without it (a `mixed` library of `count` codes).
  const { duplicatesRare } = await import('../apps/server/src/modules/codes/generation.service.ts');
  const skipDuplicates = !duplicatesRare('mixed', 0, count, chunk);
  const t1 = performance.now();
  for (let i = 0; i < rows.length; i += chunk)
    await ctx.db
      .transaction()
      .execute((trx) =>
        repo.insertCodes(trx, ctx.database.engine, rows.slice(i, i + chunk), { skipDuplicates }),
      );
  const insertSeconds = (performance.now() - t1) / 1000;
  let copyPerSec: number | null = null;
  if (engine === 'postgres') {
    const file = join(dir, 'copy.csv');
    writeFileSync(
      file,
      rows
        .map(
          (r, i) =>
            `${r.merchantId},${r.libraryId},${i + 1},${randomBytes(32).toString('base64url')},${r.codeEnc},${r.codeTail},unused,${r.createdAt},${r.createdAt}`,
        )
        .join('\n'),
    );
    const t2 = performance.now();
    execFileSync('psql', [
      db,
      '-q',
      '-c',
      `\\copy redemption_codes (merchant_id, library_id, serial, code_hash, code_enc, code_tail, state, created_at, updated_at) from '${file}' with (format csv)`,
    ]);
    copyPerSec = Math.round(count / ((performance.now() - t2) / 1000));
  }
  await app.close();
  return {
    generation,
    ceiling: { insertPerSec: Math.round(count / insertSeconds), copyPerSec },
    batchId: batch.id,
    merchantId,
  };
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc (Linux). */
function procRss(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
}

/**
 * CSV export of the batch over HTTP from a `kaquan serve` process of its own, started as `npm start`
 * starts it (SERVER_NODE_FLAGS), and drained by this process. What is measured is the server:
 * its peak RSS while it serves the export (VmHWM, reset just before the request by writing 5 to
 * /proc/<pid>/clear_refs, so the peak of start-up and login does not count — the RSS the process
 * already holds does), its RSS just before, and the CPU time it spent. The client only counts
 * newlines; it runs in this process, on the same cores.
 */
async function exportOverHttp(engine: string, db: string, dir: string, batchId: number) {
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'apps/server/bin/kaquan.mjs', 'serve'], {
    env: { ...env(engine, db, dir), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  const pid = server.pid!;
  try {
    await waitReady(base);
    const { token } = await json(base, 'POST', '/api/v1/auth/login', {
      login: 'owner@demo.kaquan',
      password: 'kaquan-demo',
    });
    let hwmReset = true;
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      hwmReset = false; // not Linux, or not allowed: the peak then includes start-up and login
    }
    const before = procRss(pid);
    const cpu0 = cpuMs([pid]);
    const client0 = process.cpuUsage();
    const t0 = performance.now();
    const { lines, bytes } = await drain(`${base}/api/v1/codes/batches/${batchId}/export?format=csv`, token);
    const seconds = (performance.now() - t0) / 1000;
    const after = procRss(pid);
    return {
      rows: lines - 1,
      seconds,
      rowsPerSec: Math.round((lines - 1) / seconds),
      mb: Math.round(bytes / 1e6),
      serverCpuSeconds: (cpuMs([pid]) - cpu0) / 1000,
      clientCpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(client0)),
      serverRssBeforeMb: before.rssMb,
      serverPeakRssMb: hwmReset ? after.hwmMb : null,
      serverPeakRssSinceStartMb: hwmReset ? null : after.hwmMb,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/**
 * GETs `url` and counts the lines and bytes of the answer, as cheaply as Node can (node:http, no
 * web streams): the client shares the machine's cores with the server and the database.
 */
function drain(url: string, token: string): Promise<{ lines: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
      let lines = 0;
      let bytes = 0;
      res.on('data', (buf: Buffer) => {
        bytes += buf.length;
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => resolve({ lines, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function waitReady(base: string) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    if (i > 300) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function json(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const out = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  // biome-ignore lint/suspicious/noExplicitAny: the bench reads arbitrary JSON answers
  return out as Record<string, any>;
}

/** Online redemption of distinct codes over HTTP against a `kaquan demo` server. */
async function redemption(engine: string, db: string, dir: string, duration: number, connections: number) {
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  // With the flags `npm run demo` gives it. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" profiles
  // the server, as in bench/purchase.ts; BENCH_SERVER_STDOUT=1 shows its output (`--trace-gc`).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...nodeArgs, 'apps/server/bin/kaquan.mjs', 'demo'],
    {
      env: { ...env(engine, db, dir), PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
    },
  );
  try {
    await waitReady(base);
    const owner = (
      await json(base, 'POST', '/api/v1/auth/login', { login: 'owner@demo.kaquan', password: 'kaquan-demo' })
    ).token as string;
    const libs = (await json(base, 'GET', '/api/v1/codes/libraries', undefined, owner)) as unknown as {
      id: number;
      reward: { productId: number }[];
    }[];
    const lib = libs[0]!;
    const productId = lib.reward[0]!.productId;
    await json(base, 'PATCH', `/api/v1/products/${productId}`, { stock: 1_000_000 }, owner);
    const rate = Number(args.rate);
    const want =
      Number(args['redeem-codes']) || Math.max(60_000, Math.ceil(duration * (rate > 0 ? rate * 1.1 : 8_000)));
    const batch = await json(
      base,
      'POST',
      `/api/v1/codes/libraries/${lib.id}/batches`,
      { count: want },
      owner,
    );
    for (;;) {
      const b = await json(base, 'GET', `/api/v1/codes/batches/${batch.id}`, undefined, owner);
      if (b.status === 'done') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const csv = await (
      await fetch(`${base}/api/v1/codes/batches/${batch.id}/export`, {
        headers: { authorization: `Bearer ${owner}` },
      })
    ).text();
    const codes = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[1]!);
    const key = await json(
      base,
      'POST',
      '/api/v1/api-keys',
      { name: 'bench', scopes: ['members:sessions', 'members:write'] },
      owner,
    );
    const dailyLimit = Number(args['daily-limit']);
    if (dailyLimit > 0) {
      const settings = await json(base, 'GET', '/api/v1/codes/settings', undefined, owner);
      await json(base, 'PUT', '/api/v1/codes/settings', { ...settings, dailyLimit }, owner);
    }
    // Many members, as a real redemption center has; each request takes the next one.
    const tokens: string[] = [];
    // Phones of this run's own (`--phase redeem` runs again on a database that has members).
    const run = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
    for (let i = 0; i < 100; i++) {
      const phone = `139${run}${String(i).padStart(4, '0')}`;
      const member = await json(base, 'POST', '/api/v1/members', { phone, name: '压测' }, key.secret);
      tokens.push((await json(base, 'POST', `/api/v1/members/${member.id}/sessions`, {}, key.secret)).token);
    }
    const buyer = { name: '压测', phone: '13910005999', region: '上海', address: '人民大道 1 号' };
    const pgPids = () => (engine === 'postgres' ? postgresPids() : []);
    const cpuBefore = { server: cpuMs([server.pid!]), postgres: cpuMs(pgPids()) };
    // Request i: member i mod 100, code i, and with --keyed the key bench-i.
    // Keys of this run's own: a run on a kept database must not replay an earlier run's answers.
    const runId = randomBytes(4).toString('hex');
    const requests = { path: '/api/v1/redemption/redeem', tokens, codes, productId, buyer, runId, rate };
    const load =
      args.loader === 'wrk'
        ? loadByWrk(base, connections, duration, requests)
        : await loadByAutocannon(base, connections, duration, requests);
    const ok = load.ok;
    if (ok + load.refused > codes.length)
      console.error(
        `redeem: ${ok + load.refused} requests for ${codes.length} codes — codes were sent twice`,
      );
    const per = (now: number, before: number) => Number(((now - before) / Math.max(ok, 1)).toFixed(2));
    return {
      redeemed: ok,
      refused: load.refused,
      // CPU per redemption: the server process's, every postgres process's on the machine, and the
      // load generator's (autocannon in this process, or wrk), which shares the two cores with them.
      serverCpuMs: per(cpuMs([server.pid!]), cpuBefore.server),
      postgresCpuMs: engine === 'postgres' ? per(cpuMs(pgPids()), cpuBefore.postgres) : null,
      loadCpuMs: per(load.cpuMs, 0),
      perSec: Math.round(ok / duration),
      offeredPerSec: rate > 0 ? rate : null,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      errors: load.errors,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

interface Requests {
  path: string;
  tokens: string[];
  codes: string[];
  productId: number;
  buyer: object;
  /** What this run's Idempotency-Keys start with. */
  runId: string;
  /** Requests per second on a schedule; 0 = as fast as the connections go. */
  rate: number;
}

/** The redemptions sent by autocannon in this process; the CPU time is this process's. */
async function loadByAutocannon(base: string, connections: number, duration: number, r: Requests) {
  if (r.rate > 0) throw new Error('--rate needs --loader wrk');
  const cpuBefore = process.cpuUsage();
  let next = 0;
  let ok = 0;
  let refused = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: r.path,
        setupRequest(req) {
          const i = next++;
          return {
            ...req,
            headers: {
              ...req.headers,
              authorization: `Bearer ${r.tokens[i % r.tokens.length]}`,
              ...(args.keyed ? { 'idempotency-key': `bench-${r.runId}-${i}` } : {}),
            },
            body: JSON.stringify({
              code: r.codes[i % r.codes.length],
              productId: r.productId,
              buyer: r.buyer,
            }),
          };
        },
        onResponse(status) {
          if (status === 201) ok++;
          else refused++;
        },
      },
    ],
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ok,
    refused,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** The same redemptions sent by wrk, one thread. */
function loadByWrk(base: string, connections: number, duration: number, r: Requests) {
  const w = runWrk(base, connections, duration, wrkScript(r));
  return {
    ok: w.requests - w.non2xx,
    refused: w.non2xx,
    p50Ms: w.p50Ms,
    p99Ms: w.p99Ms,
    errors: w.socketErrors,
    cpuMs: w.cpuMs,
  };
}

/**
 * wrk's Lua for the redemptions: request i as autocannon's setupRequest makes it. With a rate, request
 * k is due at k/rate s after the first (the monotonic clock through LuaJIT's ffi) and waits until then.
 */
function wrkScript(r: Requests) {
  const { path, tokens, codes, productId, buyer, rate } = r;
  const schedule = `
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } kaquan_timespec; int clock_gettime(int, kaquan_timespec*); ]]
local ts = ffi.new("kaquan_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local gap = ${1000 / (rate || 1)}
local first = nil
local due = 0
function delay()
  local t = now_ms()
  if first == nil then first = t end
  local wait = first + due * gap - t
  due = due + 1
  if wait > 0 then return wait end
  return 0
end
`;
  return `${rate > 0 ? schedule : ''}
local tokens = { ${tokens.map(luaString).join(', ')} }
local codes = { ${codes.map(luaString).join(',\n')} }
local keyed = ${args.keyed ? 'true' : 'false'}
local i = 0
function request()
  local headers = {
    ["content-type"] = "application/json",
    ["authorization"] = "Bearer " .. tokens[(i % #tokens) + 1],
  }
  if keyed then headers["idempotency-key"] = "bench-${r.runId}-" .. i end
  local body = '{"code":"' .. codes[(i % #codes) + 1] .. '","productId":${productId},"buyer":' .. ${luaString(JSON.stringify(buyer))} .. '}'
  i = i + 1
  return wrk.format("POST", ${luaString(path)}, headers, body)
end
`;
}

function child(extra: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/codes.ts', ...extra], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/**
 * The export's ceiling on PostgreSQL, in the same run: the same columns of the same rows in the same
 * order, streamed by the database itself (`\copy … to /dev/null` through psql) — no decryption, no
 * CSV, no HTTP.
 */
function exportCeiling(db: string, batchId: number) {
  const t0 = performance.now();
  const out = execFileSync(
    'psql',
    [
      db,
      '-q',
      '-c',
      `\\copy (select serial, code_enc, state from redemption_codes where merchant_id = (select merchant_id from code_batches where id = ${batchId}) and batch_id = ${batchId} order by serial) to '/dev/null'`,
      '-c',
      `select count(*) from redemption_codes where batch_id = ${batchId}`,
      '-At',
    ],
    { encoding: 'utf8' },
  );
  return Math.round(Number(out.trim()) / ((performance.now() - t0) / 1000));
}

/** Export runs, each from a fresh server process; the median run by rows/s stands for them. */
async function exportRuns(engine: string, db: string, dir: string, batchId: number, runs: number) {
  const all: Awaited<ReturnType<typeof exportOverHttp>>[] = [];
  for (let i = 0; i < runs; i++) all.push(await exportOverHttp(engine, db, dir, batchId));
  const median = [...all].sort((a, b) => a.rowsPerSec - b.rowsPerSec)[Math.floor(all.length / 2)]!;
  const ceilingPerSec = engine === 'postgres' ? exportCeiling(db, batchId) : null;
  return {
    ...median,
    ceilingPerSec,
    shareOfCeiling: ceilingPerSec ? Number((median.rowsPerSec / ceilingPerSec).toFixed(2)) : null,
    runs: all.map((r) => ({ rowsPerSec: r.rowsPerSec, peakRssMb: r.serverPeakRssMb })),
  };
}

async function main() {
  const count = Number(args.count);
  const steps = new Set(args.steps!.split(','));
  const results: Record<string, unknown>[] = [];
  for (const engine of args.engines!.split(',')) {
    const dir = mkdtempSync(join(tmpdir(), 'kaquan-bench-codes-'));
    const fresh = engine === 'postgres' ? await freshPg('kaquan_bench_codes') : null;
    const db = fresh?.url ?? '';
    try {
      const base = ['--engine', engine, '--db', db, '--dir', dir, '--count', String(count)];
      const gen = child(['--phase', 'generate', ...base]);
      const g = gen.generation as Record<string, number>;
      const c = gen.ceiling as Record<string, number | null>;
      const row: Record<string, unknown> = {
        bench: 'codes',
        engine,
        date: new Date().toISOString().slice(0, 10),
        codes: count,
        genSeconds: Number(g.seconds!.toFixed(1)),
        genCodesPerSec: g.codesPerSec,
        genPeakRssMb: g.peakRssMb,
        ceilingInsertPerSec: c.insertPerSec,
        ceilingCopyPerSec: c.copyPerSec,
        shareOfInsertCeiling: Number((g.codesPerSec! / c.insertPerSec!).toFixed(2)),
      };
      if (steps.has('export')) {
        const exp = await exportRuns(engine, db, dir, gen.batchId as number, Number(args['export-runs']));
        Object.assign(row, {
          exportRows: exp.rows,
          exportSeconds: Number(exp.seconds.toFixed(1)),
          exportRowsPerSec: exp.rowsPerSec,
          exportCeilingPerSec: exp.ceilingPerSec,
          exportShareOfCeiling: exp.shareOfCeiling,
          exportServerCpuSeconds: Number(exp.serverCpuSeconds.toFixed(1)),
          exportServerRssBeforeMb: exp.serverRssBeforeMb,
          exportServerPeakRssMb: exp.serverPeakRssMb ?? exp.serverPeakRssSinceStartMb,
          exportRuns: exp.runs,
        });
      }
      if (steps.has('redeem')) {
        const red = await redemption(engine, db, dir, Number(args.duration), Number(args.connections));
        Object.assign(row, {
          redeemKeyed: args.keyed,
          ...(Number(args['daily-limit']) > 0 ? { redeemDailyLimit: Number(args['daily-limit']) } : {}),
          redeemLoader: args.loader,
          ...(red.offeredPerSec ? { redeemOfferedPerSec: red.offeredPerSec } : {}),
          redeemPerSec: red.perSec,
          redeemP50Ms: red.p50Ms,
          redeemP99Ms: red.p99Ms,
          redeemServerCpuMs: red.serverCpuMs,
          redeemPostgresCpuMs: red.postgresCpuMs,
          redeemLoadCpuMs: red.loadCpuMs,
          redeemRefused: red.refused,
          redeemErrors: red.errors,
        });
      }
      results.push(row);
      if (process.env.KEEP_DB)
        console.error(`kept: --engine ${engine} --db '${db}' --dir ${dir} --batch ${gen.batchId}`);
    } finally {
      if (!process.env.KEEP_DB) {
        await fresh?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.table(results.map(({ exportRuns: _, ...r }) => r));
  for (const r of results) console.log(JSON.stringify(r));
}

const phase = args.phase;
if (phase === 'generate')
  console.log(JSON.stringify(await phaseGenerate(args.engine!, args.db!, args.dir!, Number(args.count))));
else if (phase === 'export')
  console.log(
    JSON.stringify(
      await exportRuns(args.engine!, args.db!, args.dir!, Number(args.batch), Number(args['export-runs'])),
    ),
  );
else if (phase === 'redeem')
  console.log(
    JSON.stringify(
      await redemption(args.engine!, args.db!, args.dir!, Number(args.duration), Number(args.connections)),
    ),
  );
else await main();
process.exit(0);
