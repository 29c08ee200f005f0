// Named prepared statements through Kysely on PostgreSQL. A hot statement written with `sql` is
// wrapped in `prepared(name, query)`: its text starts with a marker comment, and the pool's client
// turns such a query into a named one, so each connection parses and plans it once and then only
// binds and executes it. SQLite ignores the comment (database.ts keeps its prepared statements by text).
import { type RawBuilder, sql } from 'kysely';
import pg from 'pg';

const MARK = /^\/\* prepared:([a-z][\w.]{0,62}) \*\//;
const NAME = /^[a-z][a-z0-9_.]{0,62}$/;

/** Marks `query` to be prepared by name. One name, one text: parameters only, never interpolated SQL. */
export const prepared = <T>(name: string, query: RawBuilder<T>): RawBuilder<T> => {
  if (!NAME.test(name)) throw new Error(`bad statement name ${name}`);
  return sql<T>`${sql.raw(`/* prepared:${name} */`)} ${query}`;
};

/**
 * A pg client that runs marked queries as named prepared statements, and answers a transaction's
 * BEGIN at once: the driver sends it and queues the transaction's first statement behind it,
 * sending that the moment BEGIN is answered, so the round trip costs no turn of the event loop
 * (under load a turn is milliseconds). Should BEGIN fail, the statements behind it fail with it and
 * the transaction is undone as any failed one is.
 */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded.
  override query(...args: any[]): any {
    const [text, values] = args;
    if (text === 'begin' && args.length <= 2 && (values === undefined || values.length === 0)) {
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      (super.query as any)('begin').catch(() => {});
      return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [], fields: [] });
    }
    if (typeof text === 'string' && Array.isArray(values)) {
      const m = MARK.exec(text);
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      if (m) return (super.query as any)({ name: m[1], text, values }, ...args.slice(2));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    return (super.query as any)(...args);
  }
}
