// Batch generation (S0.3) as a background job. A batch is leased by one worker at a time; each
// chunk of codes is inserted and the batch's progress advanced in one transaction, so a restart
// resumes from the last committed chunk (the lease runs out and any process picks it up again).
// Uniqueness is the database's: a duplicate is skipped by the unique index and generation goes
// on until the batch holds as many codes as were asked for.
import type { AppContext } from '../../context.ts';
import type { CodeBatchRow, CodeFormat, Executor } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { generateCodes, guessOdds, spaceOf } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import type { CodeBatch } from './codes.schemas.ts';
import { getLibrary } from './library.service.ts';

const LEASE_MS = 60_000;
const CHUNK = { postgres: 20_000, sqlite: 10_000 } as const;

export const codeHash = (ctx: AppContext, code: string) => ctx.keys.hmac(`code:${code}`);

export function toBatch(b: CodeBatchRow): CodeBatch {
  return {
    id: b.id,
    libraryId: b.libraryId,
    requested: b.requested,
    generated: b.generated,
    status: b.status,
    error: b.error,
    createdBy: b.createdBy,
    createdAt: iso(b.createdAt),
    finishedAt: isoOrNull(b.finishedAt),
  };
}

/** The rows to insert for `codes` (hash for lookup, AES-GCM for display, tail for masks). */
export function codeRows(
  ctx: AppContext,
  codes: string[],
  base: { merchantId: number; libraryId: number; batchId: number | null; firstSerial: number; at: number },
  sourceRef?: (i: number) => string,
): repo.NewCode[] {
  // One draw of IVs for the whole chunk: per-code randomBytes calls cost as much as the cipher.
  const sealed = ctx.keys.encryptMany(codes);
  return codes.map((code, i) => ({
    merchantId: base.merchantId,
    libraryId: base.libraryId,
    batchId: base.batchId,
    serial: base.firstSerial + i,
    codeHash: codeHash(ctx, code),
    codeEnc: sealed[i]!,
    codeTail: code.slice(-4),
    sourceRef: sourceRef ? sourceRef(i) : null,
    createdAt: base.at,
  }));
}

export async function createBatch(
  ctx: AppContext,
  merchantId: number,
  libraryId: number,
  count: number,
  actor: Actor,
): Promise<CodeBatch> {
  return ctx.db.transaction().execute(async (trx) => {
    const lib = await getLibrary(trx, merchantId, libraryId);
    if (lib.status !== 'active') throw new AppError('LIBRARY_DISABLED', 409);
    const b = await repo.insertBatch(trx, {
      merchantId,
      libraryId,
      requested: count,
      createdBy: actor.name,
      at: now(),
    });
    await recordAudit(
      trx,
      { ...actor, merchantId },
      { action: 'code_batch.create', targetType: 'code_batch', targetId: b.id, after: { libraryId, count } },
    );
    const odds = guessOdds(lib.format, Number(lib.codeCount) + count);
    return { ...toBatch(b), odds: { oneIn: odds.oneIn, warn: odds.warn } };
  });
}

export async function getBatch(exec: Executor, merchantId: number, id: number) {
  const b = await repo.findBatch(exec, merchantId, id);
  if (!b) throw notFound('batch');
  return b;
}

export async function cancelBatch(ctx: AppContext, merchantId: number, id: number, actor: Actor) {
  return ctx.db.transaction().execute(async (trx) => {
    await getBatch(trx, merchantId, id);
    const at = now();
    const b = await repo.moveBatch(
      trx,
      merchantId,
      id,
      ['queued', 'running'],
      { status: 'cancelled', finishedAt: at },
      at,
    );
    if (!b) throw new AppError('BATCH_NOT_CANCELLABLE', 409);
    await recordAudit(
      trx,
      { ...actor, merchantId },
      {
        action: 'code_batch.cancel',
        targetType: 'code_batch',
        targetId: id,
        after: { generated: b.generated },
      },
    );
    return toBatch(b);
  });
}

export async function resumeBatch(ctx: AppContext, merchantId: number, id: number, actor: Actor) {
  return ctx.db.transaction().execute(async (trx) => {
    await getBatch(trx, merchantId, id);
    const at = now();
    const b = await repo.moveBatch(
      trx,
      merchantId,
      id,
      ['cancelled', 'failed'],
      { status: 'queued', finishedAt: null, error: null, leaseUntil: 0 },
      at,
    );
    if (!b) throw new AppError('BATCH_NOT_RESUMABLE', 409);
    await recordAudit(
      trx,
      { ...actor, merchantId },
      {
        action: 'code_batch.resume',
        targetType: 'code_batch',
        targetId: id,
        after: { generated: b.generated },
      },
    );
    return toBatch(b);
  });
}

/**
 * Whether a chunk of `chunk` codes is written without skipping duplicates at first: when the codes
 * the library will hold make a duplicate in a chunk a rare event (under one chunk in a thousand).
 * A `mixed` library of a million codes is ~10⁻¹¹ a chunk; a digits-only one ~2 % and is not tried.
 * The database still has the last word: a duplicate fails the chunk, which is written again
 * skipping it, and so is the rest of the batch.
 */
export function duplicatesRare(format: CodeFormat, held: number, requested: number, chunk: number) {
  return (chunk * (held + requested)) / spaceOf(format) < 1e-3;
}

/** Codes drawn and sealed in slices of this many, the event loop turned between them. */
const SLICE = 2_000;

/**
 * `n` codes of a batch from `firstSerial` on, drawn, hashed and sealed in slices, the event loop
 * turned between them: the chunk before's statements go out and come back meanwhile.
 */
async function drawChunk(
  ctx: AppContext,
  format: CodeFormat,
  batch: { merchantId: number; libraryId: number; batchId: number },
  firstSerial: number,
  n: number,
) {
  const rows: repo.NewCode[] = [];
  for (let i = 0; i < n; i += SLICE) {
    await new Promise((resolve) => setImmediate(resolve));
    const codes = generateCodes(format, Math.min(SLICE, n - i));
    rows.push(...codeRows(ctx, codes, { ...batch, firstSerial: firstSerial + i, at: now() }));
  }
  return rows;
}

/**
 * Works one batch to its end (or until it is cancelled or its lease is lost): the next queued or
 * abandoned one, or `onlyId`. Returns the batch as it ended, or undefined when there was none.
 */
export async function runNextBatch(
  ctx: AppContext,
  opts: { onlyId?: number; onProgress?: (b: { generated: number; requested: number }) => void } = {},
) {
  const leased = await repo.leaseBatch(ctx.db, now(), LEASE_MS, opts.onlyId);
  if (!leased) return undefined;
  let b: CodeBatchRow = leased;
  const lib = await getLibrary(ctx.db, b.merchantId, b.libraryId);
  const chunk = CHUNK[ctx.database.engine];
  const batch = { merchantId: b.merchantId, libraryId: b.libraryId, batchId: b.id };
  const draw = (firstSerial: number, n: number) =>
    drawChunk(ctx, lib.format as CodeFormat, batch, firstSerial, n);
  let drawing: Promise<repo.NewCode[]> | null = draw(
    b.nextSerial,
    Math.min(chunk, b.requested - b.generated),
  );
  let optimistic = duplicatesRare(lib.format as CodeFormat, Number(lib.codeCount), b.requested, chunk);
  try {
    while (b.generated < b.requested) {
      // Drawn ahead, unless the chunk before lost codes to duplicate hashes (now and then) when
      // it was the last: then the rest is drawn now.
      const rows: repo.NewCode[] =
        (await drawing) ?? (await draw(b.nextSerial, Math.min(chunk, b.requested - b.generated)));
      const n = rows.length;
      const current: CodeBatchRow = b;
      const write = (skipDuplicates: boolean) =>
        ctx.db.transaction().execute(async (trx) => {
          const inserted = await repo.insertCodes(trx, ctx.database.engine, rows, { skipDuplicates });
          const progress = await repo.advanceBatch(trx, current, inserted, n, now(), LEASE_MS);
          if (!progress) return undefined;
          await repo.addToLibraryCount(trx, current.libraryId, inserted);
          return progress;
        });
      const writing = write(!optimistic).catch((err) => {
        if (!optimistic || !isUniqueViolation(err)) throw err;
        optimistic = false;
        return write(true);
      });
      // While the database writes this chunk, the next is drawn (hashing and sealing are the
      // app's own CPU; the insert is the database's), taking every code of this one as in.
      const left = b.requested - b.generated - n;
      drawing = left > 0 ? draw(b.nextSerial + n, Math.min(chunk, left)) : null;
      drawing?.catch(() => {});
      const moved = await writing;
      if (!moved) return repo.findBatch(ctx.db, b.merchantId, b.id);
      b = { ...b, ...moved };
      opts.onProgress?.({ generated: b.generated, requested: b.requested });
    }
    return await ctx.db.transaction().execute(async (trx) => {
      const at = now();
      const done = await repo.moveBatch(trx, null, b.id, ['running'], { status: 'done', finishedAt: at }, at);
      if (done)
        await recordAudit(
          trx,
          { ...SYSTEM_ACTOR, merchantId: done.merchantId, name: 'code generation' },
          {
            action: 'code_batch.done',
            targetType: 'code_batch',
            targetId: done.id,
            after: { generated: done.generated },
          },
        );
      return done;
    });
  } catch (err) {
    ctx.log.error({ err, batchId: b.id }, 'code generation failed');
    const at = now();
    return repo.moveBatch(
      ctx.db,
      null,
      b.id,
      ['running'],
      { status: 'failed', error: String(err), finishedAt: at },
      at,
    );
  }
}

/** Polls for batches to generate, in every app process (leases keep them apart). */
export function startCodeWorker(app: import('../../context.ts').App, ctx: AppContext, everyMs = 1000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    (async () => {
      while (await runNextBatch(ctx)) {}
    })()
      .catch((err) => ctx.log.error({ err }, 'code worker failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
