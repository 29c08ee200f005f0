// Import at full size (S1.11): a 100,000-line file with 1,000 duplicates imports 99,000 keys and
// reports the 1,000; a file over 100,000 keys is refused whole.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importKeys, newPool } from '../../../test/card-key-harness.ts';
import { createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import * as repo from './card-key.repo.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'keyimp');
});
afterAll(() => s.close());

const key = (i: number) => `GAME-${String(i).padStart(7, '0')}-QWERTY`;

it('100,000 lines with 1,000 duplicates: 99,000 imported, 1,000 reported', async () => {
  const pool = await newPool(s, A.owner);
  const lines: string[] = [];
  for (let i = 0; i < 99_000; i++) lines.push(key(i));
  // Every 99th key appears a second time, spread through the file.
  for (let d = 0; d < 1_000; d++) lines.splice(100 + d * 99, 0, key(d * 97));
  expect(lines).toHaveLength(100_000);
  const r = await importKeys(s, A.owner, pool.id, lines.join('\r\n'));
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({
    rows: 100_000,
    imported: 99_000,
    duplicatesInFile: 1_000,
    duplicatesInPool: 0,
  });
  expect(r.body.skipped).toHaveLength(1_000);
  expect(r.body.skipped.every((x: { reason: string }) => x.reason === 'duplicate_in_file')).toBe(true);
  expect(r.body.skipped[0]).toEqual({ line: 101, reason: 'duplicate_in_file', firstLine: 1 });
  const counter = (await repo.countsOf(s.ctx.db, [pool.id])).get(pool.id);
  expect(counter).toEqual({ available: 99_000, occupied: 0, sold: 0 });
  expect(await repo.countKeys(s.ctx.db, pool.id)).toEqual(counter);

  // The same file again: everything is already in the pool.
  const again = await importKeys(s, A.owner, pool.id, lines.slice(0, 5_000).join('\n'));
  expect(again.body).toMatchObject({ imported: 0, duplicatesInPool: 4_950, duplicatesInFile: 50 });
}, 120_000);

it('refuses a file over 100,000 keys and imports none of it', async () => {
  const pool = await newPool(s, A.owner, { name: '超限' });
  const text = Array.from({ length: 100_001 }, (_, i) => key(i)).join('\n');
  const r = await importKeys(s, A.owner, pool.id, text);
  expect(r.status).toBe(422);
  expect(r.body.error.code).toBe('CARD_KEY_IMPORT_TOO_MANY');
  expect(await repo.countKeys(s.ctx.db, pool.id)).toEqual({ available: 0, occupied: 0, sold: 0 });
}, 120_000);
