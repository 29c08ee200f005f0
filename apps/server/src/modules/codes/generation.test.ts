// Generation draws a batch's next chunk while the database writes the one before
// (generation.service.ts runNextBatch). A chunk that loses codes to hashes the library already has
// is made up by a further draw, whether the next chunk was drawn ahead or none was left to draw:
// the batch ends with as many codes as asked, each distinct, serials never reused.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { plantCodes, shippedRewardLibrary } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { runNextBatch } from './generation.service.ts';

const seam = vi.hoisted(() => ({
  /** Codes the next draw returns first, in place of fresh ones (then cleared). */
  inject: null as string[] | null,
  /** What happened, in order: each draw, and each insert's start and end. */
  events: [] as string[],
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
    const done = await runNextBatch(s.ctx, { onlyId: b.id });
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
