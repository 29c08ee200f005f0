// wrk (Debian's package `wrk`) as the load generator: a C program, so it takes less of the two
// cores the server and PostgreSQL share with it than autocannon in the bench's own Node process.
// The requests come from a Lua script; wrk's text report is read back into numbers, and its CPU
// time from the shell that ran it (`times`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WrkResult {
  requests: number;
  /** Answers outside 2xx and 3xx. */
  non2xx: number;
  socketErrors: number;
  p50Ms: number;
  p99Ms: number;
  /** wrk's own user + system CPU time. */
  cpuMs: number;
}

/** A Lua string literal for `s`: printable ASCII as it is, every other byte as a 3-digit escape. */
export function luaString(s: string): string {
  const plain = (b: number) => b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c;
  const bytes = [...Buffer.from(s, 'utf8')];
  return `"${bytes.map((b) => (plain(b) ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`)).join('')}"`;
}

const toMs = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? Number.NaN);

/** Parses wrk's report (`--latency`). */
export function parseWrk(out: string): Omit<WrkResult, 'cpuMs'> {
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) throw new Error(`wrk report without its ${p}% latency:\n${out}`);
    return toMs(m[1]!, m[2]!);
  };
  const requests = /^\s*(\d+) requests in /m.exec(out);
  if (!requests) throw new Error(`wrk report without a request count:\n${out}`);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requests: Number(requests[1]),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    p50Ms: pct('50'),
    p99Ms: pct('99'),
  };
}

/** Runs wrk with one thread and `connections` connections for `duration` s; `script` is the Lua. */
export function runWrk(url: string, connections: number, duration: number, script: string): WrkResult {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (err) {
    // wrk --version exits with 1 after printing its version; only a missing program is an error.
    if ((err as { code?: string }).code === 'ENOENT')
      throw new Error('wrk is not installed (apt-get install wrk)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kaquan-bench-wrk-'));
  try {
    const file = join(dir, 'load.lua');
    writeFileSync(file, script);
    const out = execFileSync(
      'bash',
      [
        '-c',
        'wrk "$@" && times',
        'wrk',
        '-t1',
        `-c${connections}`,
        `-d${duration}s`,
        '--latency',
        '-s',
        file,
        url,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    // `times`: the shell's own user and system time, then its children's.
    const times = [...out.matchAll(/(\d+)m([\d.]+)s/g)]
      .slice(-4)
      .map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
    return { ...parseWrk(out), cpuMs: (times[2] ?? 0) + (times[3] ?? 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
