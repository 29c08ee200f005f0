// The page read of an export on PostgreSQL: repo.batchPage's statement, prepared once per
// connection and answered as arrays, so a row costs no object of its own (nor a second one for
// the camel-case names) — on a million rows that is most of what the main thread allocates.
// Null on SQLite, where the caller uses repo.batchPage.
import type { AppContext } from '../../context.ts';
import type { CodeState } from '../../db/schema.ts';

const PAGE_SQL = `select serial, code_enc, state from redemption_codes
  where merchant_id = $1 and batch_id = $2 and serial > $3 order by serial limit $4`;

/** A page of a batch as columns: serial, stored state, sealed code. */
export type PageColumns = { serials: number[]; states: CodeState[]; blobs: string[] };

export async function batchPageColumns(
  ctx: AppContext,
  merchantId: number,
  batchId: number,
  afterSerial: number,
  n: number,
): Promise<PageColumns | null> {
  const pool = ctx.database.pool;
  if (!pool) return null;
  const { rows } = await pool.query<[number, string, CodeState]>({
    name: 'codes.export_page',
    text: PAGE_SQL,
    values: [merchantId, batchId, afterSerial, n],
    rowMode: 'array',
  });
  const page: PageColumns = {
    serials: new Array(rows.length),
    states: new Array(rows.length),
    blobs: new Array(rows.length),
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    page.serials[i] = r[0];
    page.blobs[i] = r[1];
    page.states[i] = r[2];
  }
  return page;
}
