// Generation draws a batch's next chunk while the database writes the one before
// (generation.service.ts runNextBatch). A chunk that loses codes to hashes the library already has
// is made up by a further draw, whether the next chunk was drawn ahead or none was left to draw:
// the batch ends with as many codes as asked, each distinct, serials never reused. On PostgreSQL a
// library where duplicates are rare is written without `on conflict` until a chunk hits one.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { plantCodes, shippedRewardLibrary } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { duplicatesRare, runNextBatch } from './generation.service.ts';

const seam = vi.hoisted(() => ({
  /** Codes the next draw returns first, in place of fresh ones (then cleared). */
  inject: null as string[] | null,
  /** What happened, in order: each draw, and each insert's start and end. */
  events: [] as string[],
  /** Each insert's way with duplicates, in order: `skip` (on conflict do nothing) or `fail`. */
  modes: [] as string[],
}));

vi.mock('./codes.format.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./codes.format.ts')>();
  return {
    ...real,
    generateCodes: (...args: Parameters<typeof real.generateCodes>) => {
      seam.events.push('draw');
      const codes = real.generateCodes(...args);
      const inject = seam.inject;
      seam.inject = null;
      return inject ? [...inject, ...codes.slice(inject.length)] : codes;
    },
  };
});

vi.mock('./codes.repo.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./codes.repo.ts')>();
  return {
    ...real,
    insertCodes: async (...args: Parameters<typeof real.insertCodes>) => {
      seam.events.push('insert');
      seam.modes.push(args[3]?.skipDuplicates === false ? 'fail' : 'skip');
      try {
        return await real.insertCodes(...args);
      } finally {
        seam.events.push('inserted');
      }
    },
  };
});

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

async function batchOf(count: number, slug: string, taken: number) {
  const { A, library } = await shippedRewardLibrary(s, slug, 10, 0);
  const existing = await plantCodes(s, { merchantId: A.merchant.id, libraryId: library.id }, taken);
  const b = (await client(s.app, A.owner).post(`/api/v1/codes/libraries/${library.id}/batches`, { count }))
    .body;
  return { A, b, existing };
}

async function codesOf(batchId: number) {
  return s.ctx.db
    .selectFrom('redemptionCodes')
    .where('batchId', '=', batchId)
    .select(['codeHash', 'serial'])
    .orderBy('serial')
    .execute();
}

it.each([
  ['in its only chunk: none was drawn ahead, one is drawn for the rest', 3_000, 'gen-last'],
  ['in its first chunk of several: the chunks drawn ahead make it up', 45_000, 'gen-first'],
])(
  'a batch whose draws hit codes the library has ends with as many as asked: %s',
  async (_, count, slug) => {
    const { b, existing } = await batchOf(count, slug, 100);
    seam.inject = existing;
    seam.modes = [];
    const done = await runNextBatch(s.ctx, { onlyId: b.id });
    if (engine === 'postgres') {
      // The first chunk went without `on conflict`, hit the planted codes and was written again
      // skipping them; so was every chunk after it.
      expect(seam.modes.slice(0, 2)).toEqual(['fail', 'skip']);
      expect(new Set(seam.modes.slice(1))).toEqual(new Set(['skip']));
    }
    expect(done).toMatchObject({ status: 'done', requested: count, generated: count });
    const rows = await codesOf(b.id);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.codeHash)).size).toBe(count);
    // Serials are drawn once each: the 100 lost ones are gaps, never given again.
    expect(new Set(rows.map((r) => r.serial)).size).toBe(count);
    // Serials start at 1: the batch drew count + 100 of them.
    expect(done!.nextSerial).toBe(1 + count + 100);
    expect(rows.at(-1)!.serial).toBeLessThan(done!.nextSerial);
  },
  120_000,
);

it.skipIf(engine !== 'postgres')(
  'the next chunk is drawn while the database writes the one before (postgres)',
  async () => {
    const { b } = await batchOf(50_000, 'gen-overlap', 0);
    seam.events = [];
    expect(await runNextBatch(s.ctx, { onlyId: b.id })).toMatchObject({ status: 'done', generated: 50_000 });
    // Chunks of 20,000 drawn in slices of 2,000: the first chunk is drawn before anything is
    // written, and while each of the first two is written, slices of the next one are drawn.
    const e = seam.events;
    const inserts = e.flatMap((x, i) => (x === 'insert' ? [i] : []));
    const ends = e.flatMap((x, i) => (x === 'inserted' ? [i] : []));
    expect(inserts).toHaveLength(3);
    expect(e.slice(0, inserts[0]).filter((x) => x === 'draw').length).toBeGreaterThanOrEqual(10);
    for (const k of [0, 1])
      expect(e.slice(inserts[k], ends[k]).filter((x) => x === 'draw').length).toBeGreaterThan(0);
    expect(new Set((await codesOf(b.id)).map((r) => r.codeHash)).size).toBe(50_000);
  },
  120_000,
);

it.skipIf(engine !== 'postgres')(
  'a batch that meets no duplicate is written without on conflict, every chunk (postgres)',
  async () => {
    const { b } = await batchOf(45_000, 'gen-plain', 0);
    seam.modes = [];
    expect(await runNextBatch(s.ctx, { onlyId: b.id })).toMatchObject({ status: 'done', generated: 45_000 });
    expect(seam.modes).toEqual(['fail', 'fail', 'fail']);
    expect(new Set((await codesOf(b.id)).map((r) => r.codeHash)).size).toBe(45_000);
  },
  120_000,
);

it('skips duplicates from the start where the library makes them likely', () => {
  // A million mixed codes: ~10⁻¹¹ of a duplicate per chunk of 20,000.
  expect(duplicatesRare('mixed', 0, 1_000_000, 20_000)).toBe(true);
  expect(duplicatesRare('mixed_clear', 5_000_000, 1_000_000, 20_000)).toBe(true);
  // Digits only: 10¹² codes; with a million of them, one chunk in 50 meets a duplicate.
  expect(duplicatesRare('digits', 0, 1_000_000, 20_000)).toBe(false);
  expect(duplicatesRare('digits', 0, 1_000, 1_000)).toBe(true);
});
