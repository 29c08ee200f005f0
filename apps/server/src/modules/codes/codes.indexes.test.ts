// The source and holder indexes of redemption codes hold only the codes that have a source (a gift
// card's) or a holder (migration 20261202153851): a generated code adds no entry to them, a source
// stays unique, and lookups by source and by holder still find their codes. On both engines. And on
// PostgreSQL, codes go in as given whichever way their texts are sent.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { plantCodes, shippedRewardLibrary } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { ADDRESS } from '../../../test/shop-harness.ts';
import { generateCodes } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import { codeRows } from './generation.service.ts';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

/** The index's definition as the database keeps it. */
async function definitionOf(name: string) {
  const q =
    engine === 'postgres'
      ? sql<{ def: string }>`select indexdef as def from pg_indexes where indexname = ${name}`
      : sql<{ def: string }>`select sql as def from sqlite_master where type = 'index' and name = ${name}`;
  return (await q.execute(s.ctx.db)).rows[0]!.def;
}

it('holds only codes with a source or a holder; a source stays unique; both still find their codes', async () => {
  expect(await definitionOf('redemption_codes_source_uq')).toMatch(/where \(?"?source_ref"? is not null\)?/i);
  expect(await definitionOf('redemption_codes_member_idx')).toMatch(/where \(?"?member_id"? is not null\)?/i);

  const { A, minter, product, library, codes } = await shippedRewardLibrary(s, 'partial-idx', 10, 2000);
  if (engine === 'postgres') {
    // 2,000 generated codes: an entry each in the library's index, none in the holder's.
    const size = async (index: string) =>
      Number(
        (await sql<{ n: string }>`select pg_relation_size(${index}::regclass) as n`.execute(s.ctx.db))
          .rows[0]!.n,
      );
    expect(await size('redemption_codes_library_idx')).toBeGreaterThan(40_000);
    expect(await size('redemption_codes_member_idx')).toBeLessThanOrEqual(16_384);
    expect(await size('redemption_codes_source_uq')).toBeLessThanOrEqual(16_384);
  }

  // A source: its codes found by it, and a second code under the same source refused.
  const to = {
    merchantId: A.merchant.id,
    libraryId: library.id,
    batchId: null,
    firstSerial: 0,
    at: Date.now(),
  };
  const sourced = codeRows(s.ctx, generateCodes('mixed', 2), to, (i) => `order:9#${i + 1}`);
  expect(await repo.insertCodes(s.ctx.db, s.ctx.database.engine, sourced)).toBe(2);
  expect((await repo.codesBySource(s.ctx.db, A.merchant.id, 'order:9', 2)).map((c) => c.sourceRef)).toEqual([
    'order:9#1',
    'order:9#2',
  ]);
  const again = codeRows(s.ctx, generateCodes('mixed', 1), to, () => 'order:9#1');
  await expect(repo.insertCodes(s.ctx.db, s.ctx.database.engine, again)).rejects.toThrow(/unique/i);
  // Codes without a source never collide with each other.
  expect(await plantCodes(s, to, 3)).toHaveLength(3);

  // A holder: the code redeemed online is found by its holder.
  const m = await minter.member('13920009001');
  const r = await client(s.app, m.token).post('/api/v1/redemption/redeem', {
    code: codes[0],
    productId: product.id,
    buyer: ADDRESS,
  });
  expect(r.status).toBe(201);
  const held = await repo.listCodes(s.ctx.db, A.merchant.id, { memberId: m.id }, 10, 0);
  expect(held.rows.map((c) => c.id)).toEqual([r.body.codeId]);
});

it.skipIf(engine !== 'postgres')(
  'codes are stored as given, whether their texts go as one split text or, holding a comma, as an array (postgres)',
  async () => {
    const { A, library } = await shippedRewardLibrary(s, 'text-array', 10, 0);
    const to = {
      merchantId: A.merchant.id,
      libraryId: library.id,
      batchId: null,
      firstSerial: 1,
      at: Date.now(),
    };
    const plain = codeRows(s.ctx, generateCodes('mixed', 500), to);
    const odd = codeRows(s.ctx, generateCodes('mixed', 3), { ...to, firstSerial: 501 }).map((r, i) => ({
      ...r,
      codeTail: ['a,b', ',', 'x"y\\z'][i]!,
    }));
    expect(String(repo.textArray(plain.map((r) => r.codeHash)).compile(s.ctx.db).sql)).toContain(
      'string_to_array',
    );
    expect(String(repo.textArray(odd.map((r) => r.codeTail)).compile(s.ctx.db).sql)).not.toContain(
      'string_to_array',
    );
    expect(await repo.insertCodes(s.ctx.db, s.ctx.database.engine, plain)).toBe(500);
    expect(await repo.insertCodes(s.ctx.db, s.ctx.database.engine, odd)).toBe(3);
    const stored = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('libraryId', '=', library.id)
      .select(['serial', 'codeHash', 'codeEnc', 'codeTail'])
      .orderBy('serial')
      .execute();
    expect(stored).toEqual(
      [...plain, ...odd].map((r) => ({
        serial: r.serial,
        codeHash: r.codeHash,
        codeEnc: r.codeEnc,
        codeTail: r.codeTail,
      })),
    );
    // And a stored code still opens to the code it was made from.
    expect(s.ctx.keys.decrypt(stored[0]!.codeEnc)).toHaveLength(12);
  },
);
