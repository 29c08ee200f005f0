// Bulk import (S1.11): pasted text, TXT, CSV or XLSX, read as a stream row by row (never the whole
// file in memory), hashed and encrypted in batches of 1,000, inserted with ON CONFLICT DO NOTHING
// so keys already in the pool are skipped and reported, never stored twice. The whole import is
// one transaction: it lands completely or not at all. A dry run (the preview) reads the same way
// and writes nothing.
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { fillBackorders } from './card-key.delivery.ts';
import {
  csvFields,
  identityHash,
  isHeaderRow,
  maskKey,
  type PlainKey,
  rowToKey,
  type Shape,
  sealKeys,
  textFields,
} from './card-key.format.ts';
import * as repo from './card-key.repo.ts';

export const MAX_KEYS_PER_FILE = 100_000;
export const MAX_IMPORT_BYTES = 32 * 1_048_576;
const BATCH = 1_000;
const PG_BATCH = 5_000;
const LISTED = 1_000;

export type ImportFormat = 'text' | 'csv' | 'xlsx';

export interface ImportRow {
  line: number;
  fields: string[];
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  imported: number;
  duplicatesInFile: number;
  duplicatesInPool: number;
  invalid: number;
  /** The first rows as they will be stored (masked). */
  preview: { line: number; masked: string }[];
  /** Each skipped row (up to 1,000): its line, why, and for an in-file duplicate the first line. */
  skipped: {
    line: number;
    reason: 'duplicate_in_file' | 'duplicate_in_pool' | 'invalid';
    firstLine?: number;
  }[];
}

/** Counts bytes as they pass and fails the stream beyond the limit. */
function limitBytes(max: number) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new AppError('CARD_KEY_IMPORT_TOO_LARGE', 413, { mb: max / 1_048_576 }));
      else done(null, chunk);
    },
  });
}

async function* lines(input: Readable, split: (line: string) => string[]): AsyncGenerator<ImportRow> {
  let line = 0;
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of rl) {
    line++;
    yield { line, fields: split(line === 1 ? raw.replace(/^\uFEFF/, '') : raw) };
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
  }
  return String(v);
}

async function* xlsxRows(input: Readable): AsyncGenerator<ImportRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1);
        yield { line: row.number, fields: values.map(cellText) };
      }
      return; // the first sheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('CARD_KEY_IMPORT_FORMAT', 422);
  }
}

/** The rows of an upload, by format. */
export function readRows(format: ImportFormat, shape: Shape, body: Readable): AsyncIterable<ImportRow> {
  const input = body.pipe(limitBytes(MAX_IMPORT_BYTES));
  body.on('error', (err) => input.destroy(err));
  if (format === 'xlsx') return xlsxRows(input);
  return lines(input, format === 'csv' ? csvFields : (l) => textFields(shape, l));
}

export const rowsOfText = (shape: Shape, text: string) => readRows('text', shape, Readable.from([text]));

interface Pending {
  line: number;
  hash: string;
  key: PlainKey;
}

export async function importKeys(
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  poolId: number,
  rows: AsyncIterable<ImportRow>,
  opts: { dryRun: boolean },
): Promise<ImportReport> {
  const run = async (exec: Executor) => {
    const pool = await repo.findPool(exec, actor.merchantId, poolId);
    if (!pool) throw new AppError('NOT_FOUND', 404, { what: 'cardKeyPool' });
    const report: ImportReport = {
      dryRun: opts.dryRun,
      rows: 0,
      imported: 0,
      duplicatesInFile: 0,
      duplicatesInPool: 0,
      invalid: 0,
      preview: [],
      skipped: [],
    };
    const skip = (s: ImportReport['skipped'][number]) => {
      if (report.skipped.length < LISTED) report.skipped.push(s);
    };
    const firstLine = new Map<string, number>();
    let batch: Pending[] = [];
    const at = now();

    // The batch being written. On PostgreSQL it is in flight while the next batch is read, hashed and
    // sealed (one statement at a time on the transaction's connection): the two cores overlap.
    let writing: Promise<void> = Promise.resolve();
    const count = (written: Pending[], fresh: Set<string>) => {
      for (const p of written) {
        // A dry run got back the hashes already there; a real run the ones it inserted.
        const inPool = opts.dryRun ? fresh.has(p.hash) : !fresh.has(p.hash);
        if (inPool) {
          report.duplicatesInPool++;
          skip({ line: p.line, reason: 'duplicate_in_pool' });
        } else report.imported++;
      }
    };
    const write = async (written: Pending[]) => {
      if (opts.dryRun) {
        const there = await repo.existingHashes(
          exec,
          pool.id,
          written.map((p) => p.hash),
        );
        return count(written, there);
      }
      const sealed = sealKeys(
        ctx.keys,
        written.map((p) => p.key),
      );
      const hashes = written.map((p) => p.hash);
      const inserted =
        ctx.database.engine === 'postgres'
          ? repo.insertKeysPg(exec, { merchantId: pool.merchantId, poolId: pool.id, at, hashes, sealed })
          : repo.insertKeys(
              exec,
              written.map((p, i) => ({
                merchantId: pool.merchantId,
                poolId: pool.id,
                keyHash: p.hash,
                secretEnc: sealed[i],
                state: 'available' as const,
                reservationId: null,
                soldAt: null,
                createdAt: at,
                updatedAt: at,
              })),
            );
      await writing;
      writing = inserted.then((h) => count(written, new Set(h)));
      // Keep the rejection observed until the next await picks it up.
      writing.catch(() => {});
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const written = batch;
      batch = [];
      await write(written);
    };

    let first = true;
    for await (const row of rows) {
      if (first && isHeaderRow(row.fields)) {
        first = false;
        continue;
      }
      first = false;
      const key = rowToKey(pool.shape, row.fields);
      if (key === 'empty') continue;
      report.rows++;
      if (report.rows > MAX_KEYS_PER_FILE)
        throw new AppError('CARD_KEY_IMPORT_TOO_MANY', 422, { max: MAX_KEYS_PER_FILE });
      if (key === 'invalid') {
        report.invalid++;
        skip({ line: row.line, reason: 'invalid' });
        continue;
      }
      const hash = identityHash(ctx.keys, key);
      const seen = firstLine.get(hash);
      if (seen !== undefined) {
        report.duplicatesInFile++;
        skip({ line: row.line, reason: 'duplicate_in_file', firstLine: seen });
        continue;
      }
      firstLine.set(hash, row.line);
      if (report.preview.length < 10) report.preview.push({ line: row.line, masked: maskKey(key) });
      batch.push({ line: row.line, hash, key });
      if (batch.length >= (ctx.database.engine === 'postgres' ? PG_BATCH : BATCH)) await flush();
    }
    await flush();
    await writing;
    report.skipped.sort((a, b) => a.line - b.line);
    if (!opts.dryRun) {
      await repo.bumpCounter(exec, pool.id, { available: report.imported });
      await recordAudit(exec, actor, {
        action: 'card_key.import',
        targetType: 'cardKeyPool',
        targetId: pool.id,
        after: {
          rows: report.rows,
          imported: report.imported,
          duplicatesInFile: report.duplicatesInFile,
          duplicatesInPool: report.duplicatesInPool,
          invalid: report.invalid,
        },
      });
    }
    return report;
  };

  if (opts.dryRun) return run(ctx.db);
  const report = await ctx.db.transaction().execute(run);
  // New keys first serve the paid orders that were waiting for them.
  if (report.imported > 0) await fillBackorders(ctx, actor.merchantId, poolId);
  return report;
}
