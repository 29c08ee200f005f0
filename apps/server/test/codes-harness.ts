// Helpers for redemption-code tests.
import { generateCodes } from '../src/modules/codes/codes.format.ts';
import * as repo from '../src/modules/codes/codes.repo.ts';
import { codeRows } from '../src/modules/codes/generation.service.ts';
import type { TestServer } from './harness.ts';

/** `n` codes written straight into a library (the generator has its own tests); their plain values. */
export async function plantCodes(s: TestServer, to: { merchantId: number; libraryId: number }, n: number) {
  const codes = generateCodes('mixed', n);
  await repo.insertCodes(
    s.ctx.db,
    s.ctx.database.engine,
    codeRows(s.ctx, codes, { ...to, batchId: null, firstSerial: 0, at: Date.now() }),
  );
  return codes;
}
