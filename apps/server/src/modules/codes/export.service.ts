// Export of a batch (S0.3) to CSV or XLSX, streamed page by page (keyset on the serial), so memory
// stays flat however large the batch. Every cell a spreadsheet could run as a formula is
// neutralised. The export itself is audited before the first byte goes out.
//
// The next page is read while this one is opened and written out; nothing more is read until the
// client has taken the page before, so a slow client holds a couple of pages, never the batch.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { safeCell } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import { shownCodeState } from './codes.states.ts';
import { type CsvPage, csvWriter } from './export.csv.ts';
import { batchPageColumns, type PageColumns } from './export.fast.ts';
import { getBatch } from './generation.service.ts';

const PAGE = 5000;
export const EXPORT_HEADER = ['serial', 'code', 'status', 'redeem_url'];

/** One page of the batch after `after`, as columns: straight from PostgreSQL, else through the repo. */
async function readPage(ctx: AppContext, merchantId: number, batchId: number, after: number) {
  const fast = await batchPageColumns(ctx, merchantId, batchId, after, PAGE);
  if (fast) return fast;
  const rows = await repo.batchPage(ctx.db, merchantId, batchId, after, PAGE);
  return {
    serials: rows.map((r) => r.serial),
    states: rows.map((r) => r.state),
    blobs: rows.map((r) => r.codeEnc),
  } satisfies PageColumns;
}

async function* batchPages(ctx: AppContext, merchantId: number, batchId: number): AsyncGenerator<CsvPage> {
  const b = await getBatch(ctx.db, merchantId, batchId);
  const lib = (await repo.findLibrary(ctx.db, merchantId, b.libraryId))!;
  const at = now();
  const read = (after: number) => {
    const p = readPage(ctx, merchantId, batchId, after);
    p.catch(() => {}); // observed by the await below; a client that left stops the loop first
    return p;
  };
  let next = read(0);
  for (;;) {
    const page = await next;
    const n = page.serials.length;
    if (n === 0) return;
    // A short page is the last: no query to learn that the next one is empty.
    next = n < PAGE ? Promise.resolve({ serials: [], states: [], blobs: [] }) : read(page.serials[n - 1]!);
    yield {
      serials: page.serials,
      states: page.states.map((s) => shownCodeState(s, lib.validUntil, at)),
      codes: ctx.keys.decryptMany(page.blobs),
    };
  }
}

const redeemBase = async (ctx: AppContext, merchantId: number) =>
  `${ctx.config.publicUrl}/h5/${(await repo.merchantSlug(ctx.db, merchantId)).slug}/redeem?code=`;

export async function auditExport(
  ctx: AppContext,
  merchantId: number,
  batchId: number,
  format: 'csv' | 'xlsx',
  actor: Actor,
) {
  const b = await getBatch(ctx.db, merchantId, batchId);
  await recordAudit(
    ctx.db,
    { ...actor, merchantId },
    {
      action: 'code_batch.export',
      targetType: 'code_batch',
      targetId: batchId,
      after: { format, rows: b.generated },
    },
  );
  return b;
}

export function exportCsv(ctx: AppContext, merchantId: number, batchId: number): Readable {
  return Readable.from(
    (async function* () {
      // A BOM so spreadsheet programs read the file as UTF-8.
      yield Buffer.from(`\ufeff${EXPORT_HEADER.join(',')}\r\n`);
      const write = csvWriter(await redeemBase(ctx, merchantId));
      for await (const page of batchPages(ctx, merchantId, batchId)) yield write(page);
    })(),
    // One page waits here at most: the stream asks for the next when the client has taken it.
    { highWaterMark: 1 },
  );
}

export function exportXlsx(ctx: AppContext, merchantId: number, batchId: number): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = wb.addWorksheet('codes');
  (async () => {
    sheet.addRow(EXPORT_HEADER).commit();
    const base = await redeemBase(ctx, merchantId);
    for await (const { serials, states, codes } of batchPages(ctx, merchantId, batchId))
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!.toString('utf8');
        sheet
          .addRow([serials[i]!, safeCell(code), states[i]!, safeCell(base + encodeURIComponent(code))])
          .commit();
      }
    sheet.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}
