import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startDemoServer } from './demo-server.ts';
import { cpuMs, postgresPids } from './proc.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '256' },
    members: { type: 'string', default: '1000' },
    // Send an Idempotency-Key with every claim, as the H5 claim button does.
    idempotent: { type: 'boolean', default: false },
  },
});
const engine = args.engine as 'postgres' | 'sqlite';
const duration = Number(args.duration);
const connections = Number(args.connections);
const PORT = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${PORT}`;
const PROOF_STOCK = 500;

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

/** Every member of the crowd claims in turn (repeat rule `unlimited`, so members can come back). */
async function crowd(token: string, tokens: string[], run: { duration: number } | { amount: number }) {
  let next = 0;
  const counts: Record<string, number> = {};
  const result = await autocannon({
    url: base,
    connections,
    // A crowd this size queues on a 2-core machine: wait for every answer rather than time out.
    timeout: 60,
    ...run,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: `/api/v1/claim/${token}`,
        setupRequest(req) {
          const member = tokens[next++ % tokens.length];
          const headers: Record<string, string> = { ...req.headers, authorization: `Bearer ${member}` };
          if (args.idempotent)
            headers['idempotency-key'] = `bench-${next}-${Math.random().toString(36).slice(2)}`;
          return { ...req, body: '{}', headers };
        },
        onResponse(status, body) {
          const code = status === 201 ? 'granted' : (JSON.parse(body).error?.code ?? String(status));
          counts[code] = (counts[code] ?? 0) + 1;
        },
      },
    ],
  });
  return { result, counts };
}

async function main() {
  const { server, stop } = await startDemoServer(engine, PORT);
  try {
    const owner = (
      await json('POST', '/api/v1/auth/login', { login: 'owner@demo.kaquan', password: 'kaquan-demo' })
    ).token as string;
    const key = await json(
      'POST',
      '/api/v1/api-keys',
      { name: 'bench', scopes: ['members:write', 'members:sessions'] },
      owner,
    );
    const tokens: string[] = [];
    for (let i = 0; i < Number(args.members); i++) {
      const m = await json(
        'POST',
        '/api/v1/members',
        { phone: String(13910007000 + i), name: `压测${i}` },
        key.secret,
      );
      tokens.push((await json('POST', `/api/v1/members/${m.id}/sessions`, {}, key.secret)).token);
    }
    const templates = await json(
      'GET',
      '/api/v1/voucher-templates?status=active&pageSize=100',
      undefined,
      owner,
    );
    const coffee = templates.items.find((t: { title: string }) => t.title === '咖啡兑换券');
    const campaign = async (stock: number) =>
      json(
        'POST',
        '/api/v1/campaigns',
        {
          kind: 'qr',
          name: `压测 ${stock}`,
          repeatRule: 'unlimited',
          items: [{ templateId: coffee.id, quantity: 1, stock }],
        },
        owner,
      );
    const tokenOf = (c: Record<string, string>) => new URL(c.link).pathname.split('/').pop() as string;

    const open = await campaign(10_000_000);
    const cpuBefore = { server: cpuMs([server.pid!]), postgres: cpuMs(postgresPids()) };
    const speed = await crowd(tokenOf(open), tokens, { duration });
    // CPU spent per claim: steadier than claims/s when the machine is shared.
    const grantedN = speed.counts.granted ?? 0;
    const cpuPer = (now: number, before: number) =>
      grantedN ? Number(((now - before) / grantedN).toFixed(3)) : null;
    const serverCpuMsPerClaim = cpuPer(cpuMs([server.pid!]), cpuBefore.server);
    const postgresCpuMsPerClaim =
      engine === 'postgres' ? cpuPer(cpuMs(postgresPids()), cpuBefore.postgres) : null;

    // Claims still queued on the server when the clock ran out finish before the proof starts.
    await json('POST', `/api/v1/campaigns/${open.id}/pause`, {}, owner);
    for (let last = -1; ; ) {
      await new Promise((r) => setTimeout(r, 1000));
      const claims = (await json('GET', `/api/v1/campaigns/${open.id}`, undefined, owner)).claims;
      if (claims === last) break;
      last = claims;
    }
    const proof = await campaign(PROOF_STOCK);
    const before = (
      await json('GET', `/api/v1/vouchers?templateId=${coffee.id}&pageSize=1`, undefined, owner)
    ).total;
    const rush = await crowd(tokenOf(proof), tokens, { amount: PROOF_STOCK * 2 });
    const after = (await json('GET', `/api/v1/vouchers?templateId=${coffee.id}&pageSize=1`, undefined, owner))
      .total;
    const proofState = await json('GET', `/api/v1/campaigns/${proof.id}`, undefined, owner);

    const out = {
      bench: 'claim',
      engine,
      idempotencyKey: args.idempotent,
      date: new Date().toISOString().slice(0, 10),
      connections,
      durationS: duration,
      members: tokens.length,
      granted: speed.counts.granted ?? 0,
      claimsPerSec: Math.round((speed.counts.granted ?? 0) / duration),
      refused: speed.result.requests.total - (speed.counts.granted ?? 0),
      errors: speed.result.errors,
      non2xx: speed.result.non2xx,
      p50Ms: speed.result.latency.p50,
      p99Ms: speed.result.latency.p99,
      serverCpuMsPerClaim,
      postgresCpuMsPerClaim,
      proofStock: PROOF_STOCK,
      proofAttempts: rush.result.requests.total,
      proofGranted: rush.counts.granted ?? 0,
      proofVouchersIssued: after - before,
      proofClaimed: proofState.items[0].claimed,
      proofStatus: proofState.shownStatus,
      proofRefusals: Object.fromEntries(Object.entries(rush.counts).filter(([k]) => k !== 'granted')),
      // Server-side facts: exactly the stock in vouchers and in the item's count, never more granted.
      noOversell:
        (rush.counts.granted ?? 0) <= PROOF_STOCK &&
        after - before === PROOF_STOCK &&
        proofState.items[0].claimed === PROOF_STOCK,
    };
    console.table([{ ...out, proofRefusals: JSON.stringify(out.proofRefusals) }]);
    console.log(JSON.stringify(out));
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
