// Export of a batch (S0.3) to CSV or XLSX, streamed page by page (keyset on the serial), so memory
// stays flat however large the batch. Every cell a spreadsheet could run as a formula is
// neutralised. The export itself is audited before the first byte goes out.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { safeCell } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import { shownCodeState } from './codes.states.ts';
import { getBatch } from './generation.service.ts';

const PAGE = 5000;
export const EXPORT_HEADER = ['serial', 'code', 'status', 'redeem_url'];

type Row = [number, string, string, string];

async function* batchRows(ctx: AppContext, merchantId: number, batchId: number): AsyncGenerator<Row[]> {
  const b = await getBatch(ctx.db, merchantId, batchId);
  const lib = (await repo.findLibrary(ctx.db, merchantId, b.libraryId))!;
  const { slug } = await repo.merchantSlug(ctx.db, merchantId);
  const base = `${ctx.config.publicUrl}/h5/${slug}/redeem?code=`;
  const at = now();
  // The next page is read while this one is decrypted and written out.
  const read = (after: number) => {
    const p = repo.batchPage(ctx.db, merchantId, batchId, after, PAGE);
    p.catch(() => {}); // observed by the await below; a client that left stops the loop first
    return p;
  };
  let next = read(0);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    next = read(page[page.length - 1]!.serial);
    yield page.map((r) => {
      const code = ctx.keys.decrypt(r.codeEnc);
      return [
        r.serial,
        safeCell(code),
        shownCodeState(r.state, lib.validUntil, at),
        safeCell(base + encodeURIComponent(code)),
      ];
    });
  }
}

const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

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
      yield `\ufeff${EXPORT_HEADER.join(',')}\r\n`;
      for await (const rows of batchRows(ctx, merchantId, batchId))
        yield rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
    })(),
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
    for await (const rows of batchRows(ctx, merchantId, batchId))
      for (const r of rows) sheet.addRow(r).commit();
    sheet.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}
