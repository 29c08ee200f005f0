// CPU time of processes, read from Linux /proc: steadier than req/s when the machine is shared.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** User + system CPU time of the processes, in ms (100 ticks per second). */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks * 10;
}

/** Every postgres process on the machine (other databases' work included when the machine is shared). */
export function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

/** Transactions committed so far in one PostgreSQL database (pg_stat_database, updated within ~1 s). */
export async function commitsOf(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('select pg_stat_clear_snapshot()');
    const r = await c.query('select xact_commit from pg_stat_database where datname = current_database()');
    return Number(r.rows[0].xact_commit);
  } finally {
    await c.end();
  }
}
