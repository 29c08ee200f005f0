// Verification benchmark: staff verify distinct vouchers by code over HTTP, many connections,
// against a real `kaquan demo` server; on PostgreSQL the same SQL (session lookup + the verification
// statement, one verification per transaction) is then driven by pgbench as the ceiling. The server
// gathers concurrent requests into one statement; pgbench does not, so the share can exceed 1.
//
//   node --import tsx bench/verify.ts [--engine postgres|sqlite] [--duration 10] [--connections 64] [--vouchers 90000]
//   Give it more vouchers than the run can verify: once they run out the rest are refusals.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { fastVerifySql } from '../apps/server/src/modules/verification/verification.fast.ts';
import { startDemoServer } from './demo-server.ts';
import { commitsOf, cpuMs, postgresPids } from './proc.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    vouchers: { type: 'string', default: '90000' },
  },
});
const engine = args.engine as 'postgres' | 'sqlite';
const duration = Number(args.duration);
const connections = Number(args.connections);
const PORT = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${PORT}`;

async function json(method: string, path: string, body?: unknown, token?: string) {
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

async function main() {
  const { server, dataDir, dbName, dbUrl, stop } = await startDemoServer(engine, PORT);
  try {
    const owner = (
      await json('POST', '/api/v1/auth/login', { login: 'owner@demo.kaquan', password: 'kaquan-demo' })
    ).token as string;
    const key = await json(
      'POST',
      '/api/v1/api-keys',
      { name: 'bench', scopes: ['members:sessions', 'members:read'] },
      owner,
    );
    const member = (await json('GET', '/api/v1/members?q=13800000000', undefined, key.secret)).items[0];
    const memberToken = (await json('POST', `/api/v1/members/${member.id}/sessions`, {}, key.secret)).token;
    const template = (await json('GET', '/api/v1/vouchers?pageSize=1', undefined, owner)).items[0].templateId;
    const store = (await json('GET', '/api/v1/stores', undefined, owner)).items[0].id;
    const want = Number(args.vouchers);
    for (let n = 0; n < want; n += 100) {
      await json(
        'POST',
        '/api/v1/vouchers/grants',
        { templateId: template, memberId: member.id, count: 100 },
        owner,
      );
    }
    const codes: string[] = [];
    for (let page = 1; codes.length < want; page++) {
      const r = await json(
        'GET',
        `/api/v1/wallet/vouchers?state=unused&pageSize=100&page=${page}`,
        undefined,
        memberToken,
      );
      if (r.items.length === 0) break;
      for (const v of r.items) codes.push(v.code);
    }

    let next = 0;
    let ok = 0;
    let refused = 0;
    const commitsBefore = engine === 'postgres' ? await commitsOf(dbUrl) : 0;
    const cpuBefore = { server: cpuMs([server.pid!]), postgres: cpuMs(postgresPids()) };
    const result = await autocannon({
      url: base,
      connections,
      duration,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
      requests: [
        {
          method: 'POST',
          path: '/api/v1/verifications',
          setupRequest(req) {
            const code = codes[next++ % codes.length];
            return { ...req, body: JSON.stringify({ code, storeId: store, requestNo: `b${next}x${code}` }) };
          },
          onResponse(status) {
            if (status === 201) ok++;
            else refused++;
          },
        },
      ],
    });

    // CPU spent per verification: steadier than req/s when the machine is shared.
    const cpuPer = (now: number, before: number) => (ok ? Number(((now - before) / ok).toFixed(3)) : null);
    const serverCpuMs = cpuPer(cpuMs([server.pid!]), cpuBefore.server);
    const postgresCpuMs = engine === 'postgres' ? cpuPer(cpuMs(postgresPids()), cpuBefore.postgres) : null;
    // Verifications per committed transaction: how many requests a batch carried on average (the
    // statistics collector reports within about a second).
    await new Promise((r) => setTimeout(r, 1500));
    const commits = engine === 'postgres' ? (await commitsOf(dbUrl)) - commitsBefore : 0;
    const verifiesPerCommit = commits > 0 ? Number((ok / commits).toFixed(1)) : null;

    let ceilingTps: number | null = null;
    if (engine === 'postgres' && dbName) {
      // The same SQL as a verification, driven by pgbench: the staff session lookup, then the one
      // statement that checks and verifies (here by voucher id, and accepting already used vouchers
      // so that every transaction writes the record and the audit row).
      const c = new pg.Client({ connectionString: dbUrl });
      await c.connect();
      const ids = (await c.query('select min(id) as lo, max(id) as hi from vouchers')).rows[0];
      const session = (
        await c.query(
          `select s.token_hash, u.id as staff_id, u.merchant_id from sessions s join staff_users u on u.id = s.staff_id
           where u.role = 'owner' and s.revoked_at is null order by s.id desc limit 1`,
        )
      ).rows[0];
      await c.end();
      const literal = (v: string | number | boolean | null) =>
        v === null ? 'null' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v);
      // The statement takes one array element per request; pgbench sends one request per transaction.
      const one = (v: string) => `ARRAY[${v}]`;
      const args: Record<number, string> = {
        1: one(literal(Number(session.merchant_id))),
        2: one(literal(store)),
        3: one(':id'),
        4: one('false'),
        5: one(literal(Number(session.staff_id))),
        6: one(literal('admin')),
        7: one(`('pgb-' || :client_id || '-' || :id || '-' || floor(random() * 1e12)::bigint)`),
        8: one(literal('staff')),
        9: one(literal(Number(session.staff_id))),
        10: one(literal('bench')),
        11: one('null'),
        12: one('null'),
        13: literal(Date.now()),
      };
      const verifySql = fastVerifySql('v.id = i.find::bigint')
        .replaceAll("v.state = 'unused'", "v.state in ('unused', 'used')")
        .replaceAll("vouchers.state = 'unused'", "vouchers.state in ('unused', 'used')")
        .replace(/\$(\d+)/g, (_, n: string) => args[Number(n)]);
      const script = join(dataDir, 'verify.sql');
      writeFileSync(
        script,
        [
          `\\set id random(${ids.lo}, ${ids.hi})`,
          `select s.id, u.role, u.status, m.status from sessions s join staff_users u on u.id = s.staff_id
           left join merchants m on m.id = u.merchant_id
           where s.token_hash = ${literal(session.token_hash)} and s.kind = 'staff' and s.revoked_at is null
             and s.expires_at > ${Date.now()};`,
          `${verifySql.trim()};`,
          '',
        ].join('\n'),
      );
      const out = execFileSync(
        'pgbench',
        [
          '-n',
          '-M',
          'prepared',
          '-c',
          String(Math.min(connections, 16)),
          '-j',
          '2',
          '-T',
          '10',
          '-f',
          script,
          dbUrl,
        ],
        { encoding: 'utf8' },
      );
      ceilingTps = Math.round(Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0));
    }
    const out = {
      bench: 'verify',
      engine,
      date: new Date().toISOString().slice(0, 10),
      connections,
      durationS: duration,
      verified: ok,
      verificationsPerSec: Math.round(ok / duration),
      refused,
      errors: result.errors,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      pgbenchCeilingTps: ceilingTps,
      shareOfCeiling: ceilingTps ? Number((ok / duration / ceilingTps).toFixed(2)) : null,
      serverCpuMsPerVerify: serverCpuMs,
      postgresCpuMsPerVerify: postgresCpuMs,
      verifiesPerCommit,
    };
    console.table([out]);
    console.log(JSON.stringify(out));
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
