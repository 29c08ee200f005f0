import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, engine, type TestServer } from '../../test/harness.ts';
import { prepared } from './prepared.ts';

describe('prepared statements', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer();
  });
  afterAll(() => t.close());

  it('refuses a name that could break out of the marker comment', () => {
    expect(() => prepared('x */ drop table merchants; /*', sql`select 1`)).toThrow(/bad statement name/);
    expect(() => prepared('Upper', sql`select 1`)).toThrow(/bad statement name/);
  });

  it('runs a marked query with its parameters, on either engine, in and out of a transaction', async () => {
    const q = (n: number) =>
      prepared('test.double', sql<{ v: number }>`select cast(${n} as integer) * 2 as v`);
    expect((await q(21).execute(t.ctx.db)).rows[0].v).toBe(42);
    const inTx = await t.ctx.db.transaction().execute(async (trx) => {
      const a = await q(1).execute(trx);
      const b = await q(2).execute(trx);
      return [a.rows[0].v, b.rows[0].v];
    });
    expect(inTx).toEqual([2, 4]);
  });

  it.runIf(engine === 'postgres')(
    'prepares the statement by name on the connection (PostgreSQL)',
    async () => {
      const seen = await t.ctx.db.connection().execute(async (c) => {
        await prepared('test.named', sql`select cast(${7} as integer) as v`).execute(c);
        await prepared('test.named', sql`select cast(${8} as integer) as v`).execute(c);
        return sql<{ name: string; calls: number }>`
        select name from pg_prepared_statements where name = 'test.named'`.execute(c);
      });
      expect(seen.rows.map((r) => r.name)).toEqual(['test.named']);
    },
  );

  it.runIf(engine === 'postgres')(
    'answers BEGIN at once, yet the statements behind it run in its transaction (PostgreSQL)',
    async () => {
      const txid = (e: Parameters<ReturnType<typeof sql>['execute']>[0]) =>
        sql<{ id: string }>`select txid_current()::text as id`.execute(e);
      const [a, b] = await t.ctx.db
        .transaction()
        .execute(async (trx) => [(await txid(trx)).rows[0]!.id, (await txid(trx)).rows[0]!.id]);
      expect(a).toBe(b);
      const other = await t.ctx.db.transaction().execute(async (trx) => (await txid(trx)).rows[0]!.id);
      expect(other).not.toBe(a);
      // A transaction that throws leaves nothing behind.
      await t.ctx.db.schema.createTable('begin_probe').ifNotExists().addColumn('v', 'integer').execute();
      await expect(
        t.ctx.db.transaction().execute(async (trx) => {
          await sql`insert into begin_probe (v) values (1)`.execute(trx);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      const left = await sql<{ n: number }>`select count(*)::int as n from begin_probe`.execute(t.ctx.db);
      expect(left.rows[0]!.n).toBe(0);
    },
  );
});
