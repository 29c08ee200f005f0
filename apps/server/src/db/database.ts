// One Kysely instance over SQLite (embedded default) or PostgreSQL. Services never branch on the
// engine; the few places that must (locking, upserts) read `Database.engine`.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { PreparingClient } from './prepared.ts';
import type { DB, Executor } from './schema.ts';

// int8 (COUNT, BIGINT epoch ms) as numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** SQLite writers start with BEGIN IMMEDIATE, so a transaction never has to upgrade its lock. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export interface Database {
  db: Kysely<DB>;
  engine: DatabaseConfig['engine'];
  /** PostgreSQL only: the pool under Kysely, for the few hot statements run as named prepared statements. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/**
 * The SQLite database as Kysely's driver sees it, keeping each statement it prepared (by text, the
 * 500 most recent): the driver prepares every query afresh, a seventh of the server's CPU on the
 * redemption path. A statement still busy (an open iterator) is not shared: a fresh one is made.
 */
export function keepingStatements(sqlite: SQLite.Database, max = 500) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      const hit = kept.get(text);
      if (hit && !hit.busy) {
        kept.delete(text);
        kept.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        kept.set(text, stmt);
        if (kept.size > max) kept.delete(kept.keys().next().value!);
      }
      return stmt;
    },
    close() {
      kept.clear();
      sqlite.close();
    },
  } as unknown as SQLite.Database;
}

export function openDatabase(
  config: DatabaseConfig,
  opts: { poolSize?: number; onIdleError?: (err: Error) => void } = {},
): Database {
  if (config.engine === 'sqlite') {
    mkdirSync(dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({
      dialect: new ImmediateSqliteDialect({ database: keepingStatements(sqlite) }),
      plugins: [new CamelCasePlugin()],
    });
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: opts.poolSize ?? 16,
    Client: PreparingClient,
  });
  // An idle connection the server closes (restart, failover, admin command) is dropped from the
  // pool and replaced on next use; without this handler it would crash the process.
  pool.on('error', (err) => opts.onIdleError?.(err));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, engine: 'postgres', pool, close: () => db.destroy() };
}

/** Runs fn in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(exec: Executor, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (exec.isTransaction) return fn(exec as Transaction<DB>);
  return (exec as Kysely<DB>).transaction().execute(fn);
}
