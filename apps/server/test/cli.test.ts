// The real command line, as a person runs it: a separate process on a free port.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../bin/kaquan.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'kaquan-cli-'));
const env = {
  ...process.env,
  KAQUAN_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
  KAQUAN_SERVE_WEB: 'false',
};
const run = promisify(execFile);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return r.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

describe('kaquan command', () => {
  it('prints help naming every command', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help'], { env });
    for (const c of ['serve', 'migrate', 'demo', 'create-operator']) expect(stdout).toContain(c);
  });

  it('migrates an empty data dir (generating the master key), then reports it up to date', async () => {
    const first = await run(process.execPath, [bin, 'migrate'], { env });
    expect(first.stdout).toContain('applied: 20261122030000_foundation');
    const second = await run(process.execPath, [bin, 'migrate'], { env });
    expect(second.stdout).toContain('up to date');
  });

  it('creates an operator and refuses a duplicate login', async () => {
    const ok = await run(
      process.execPath,
      [bin, 'create-operator', '--login', 'root-op', '--password', 'long-password'],
      { env },
    );
    expect(ok.stdout).toContain('operator root-op created');
    const dup = await run(
      process.execPath,
      [bin, 'create-operator', '--login', 'root-op', '--password', 'long-password'],
      { env },
    ).catch((e: { stderr: string; code: number }) => e);
    expect((dup as { code: number }).code).toBe(1);
    expect((dup as { stderr: string }).stderr).toContain('LOGIN_TAKEN');
  });

  it('refuses a bad setting with a clear message and exit code 2', async () => {
    const bad = await run(process.execPath, [bin, 'serve'], { env: { ...env, PORT: 'eighty' } }).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain('PORT must be a whole number');
  });

  it('serves, answers /readyz, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    });
    try {
      expect(await waitReady(`http://127.0.0.1:${port}/readyz`, child)).toEqual({
        status: 'ok',
        database: 'sqlite',
      });
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'root-op', password: 'long-password' }),
      });
      expect(login.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
