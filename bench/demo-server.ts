// A real `kaquan demo` server for a bench: its own data dir and, on PostgreSQL, its own database,
// both removed by stop(). BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPg } from './fresh-pg.ts';

/**
 * The server's V8 flags, as `npm start` and `npm run demo` give them (apps/server/package.json): a
 * larger young generation, so the many short-lived objects of each request die without promotion.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

export async function startDemoServer(engine: 'postgres' | 'sqlite', port: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaquan-bench-'));
  const fresh = engine === 'postgres' ? await freshPg() : null;
  const dbName = fresh?.name ?? null;
  const dbUrl = fresh?.url ?? '';
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const server = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...prof, 'apps/server/bin/kaquan.mjs', 'demo'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        KAQUAN_DATA_DIR: dataDir,
        KAQUAN_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
        KAQUAN_SERVE_WEB: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: dbUrl,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await fresh?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
      } catch {}
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { server, dataDir, dbName, dbUrl, stop };
}
