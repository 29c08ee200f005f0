// A fresh PostgreSQL database for one bench run, on BENCH_PG_URL (default: the local server), dropped
// by drop() even while connections are still open.
import pg from 'pg';

export const BENCH_PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: BENCH_PG_ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function freshPg(
  prefix = 'kaquan_bench',
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(BENCH_PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}
