// Card-key benchmark: (1) import of 100,000 keys from a text upload (time, keys/s, peak RSS);
// (2) delivery under contention: many connections deliver keys for paid orders from ONE pool at
// once, each delivery the card-key part of a payment transaction (keys taken with SKIP LOCKED on
// PostgreSQL, marked sold, counted, sales rows, audit) in its own transaction.
//
//   node --import tsx bench/card-keys.ts [--engine postgres|sqlite] [--orders 20000] [--connections 16]
//     [--import 100000]
//
// PostgreSQL: a fresh database on BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// The ceiling is an empty transaction (BEGIN; SELECT 1; COMMIT) through the same pool, same run.
// Prints a table and one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { OrderItemRow, OrderRow } from '../apps/server/src/db/schema.ts';
import { seedDemo } from '../apps/server/src/demo.ts';
import { SYSTEM_ACTOR } from '../apps/server/src/modules/audit/audit.service.ts';
import { deliverOrderItem } from '../apps/server/src/modules/card-keys/card-key.delivery.ts';
import { importKeys, readRows } from '../apps/server/src/modules/card-keys/card-key.import.ts';
import * as repo from '../apps/server/src/modules/card-keys/card-key.repo.ts';
import { createPool } from '../apps/server/src/modules/card-keys/card-key.service.ts';
import { createProduct } from '../apps/server/src/modules/commerce/catalog.service.ts';
import { freshPg } from './fresh-pg.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    orders: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '16' },
    import: { type: 'string', default: '100000' },
  },
});
const engine = args.engine as 'postgres' | 'sqlite';
const ORDERS = Number(args.orders);
const CONNECTIONS = Number(args.connections);
const IMPORT = Number(args.import);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

/** Runs `n` jobs over `width` concurrent workers; each job's latency in ms. */
async function race(n: number, width: number, job: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await job(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSec: Math.round(n / seconds), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** An upload as the server receives it: 64 KB chunks. */
function upload(text: string): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 65_536) chunks.push(bytes.subarray(i, i + 65_536));
  return Readable.from(chunks);
}

const lines = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(7, '0')}-8F3KQ2ZP`).join('\n');

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaquan-bench-'));
  const db = engine === 'postgres' ? await freshPg() : null;
  const config = loadConfig({
    KAQUAN_DATA_DIR: dataDir,
    DATABASE_URL: db?.url ?? '',
    KAQUAN_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    LOG_LEVEL: 'warn',
    KAQUAN_PUBLIC_URL: 'http://127.0.0.1',
  } as NodeJS.ProcessEnv);
  const { app, ctx } = await buildApp(config, { webApps: false, sweepers: false });
  try {
    await seedDemo(ctx);
    const merchant = await ctx.db
      .selectFrom('merchants')
      .where('slug', '=', 'demo')
      .select('id')
      .executeTakeFirstOrThrow();
    const member = await ctx.db
      .selectFrom('members')
      .where('merchantId', '=', merchant.id)
      .select('id')
      .executeTakeFirstOrThrow();
    const actor = { ...SYSTEM_ACTOR, merchantId: merchant.id, name: 'bench' };

    // 1. Import.
    const importPool = await createPool(ctx.db, actor, { name: 'import', shape: 'secret' });
    const text = lines('IMP', IMPORT);
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const report = await importKeys(ctx, actor, importPool.id, readRows('text', 'secret', upload(text)), {
      dryRun: false,
    });
    const importS = (performance.now() - t0) / 1000;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    if (report.imported !== IMPORT) throw new Error(`imported ${report.imported} of ${IMPORT}`);

    // 2. Delivery from one pool, ORDERS paid orders of one item each.
    const pool = await createPool(ctx.db, actor, { name: 'delivery', shape: 'secret' });
    await importKeys(ctx, actor, pool.id, readRows('text', 'secret', upload(lines('DLV', ORDERS))), {
      dryRun: false,
    });
    const product = await createProduct(ctx, ctx.db, actor, {
      type: 'card_key',
      name: 'bench',
      priceCents: 100,
      stock: ORDERS,
      fulfilRef: String(pool.id),
    });
    const work: { order: OrderRow; item: OrderItemRow }[] = [];
    const at = Date.now();
    for (let from = 0; from < ORDERS; from += 1000) {
      const orders = await ctx.db
        .insertInto('orders')
        .values(
          Array.from({ length: Math.min(1000, ORDERS - from) }, (_, i) => ({
            merchantId: merchant.id,
            memberId: member.id,
            checkoutId: null,
            orderNo: `B${String(from + i).padStart(19, '0')}`,
            status: 'paid' as const,
            channel: 'purchase' as const,
            totalCents: 100,
            pointsUsed: 0,
            pointsEarned: 0,
            quote: '{}',
            buyer: '{}',
            carrier: null,
            trackingNo: null,
            paidAt: at,
            shippedAt: null,
            completedAt: null,
            closedAt: null,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .returningAll()
        .execute();
      const items = await ctx.db
        .insertInto('orderItems')
        .values(
          orders.map((o) => ({
            orderId: o.id,
            merchantId: merchant.id,
            productId: product.id,
            productType: 'card_key' as const,
            productName: 'bench',
            quantity: 1,
            unitPriceCents: 100,
            payableCents: 100,
          })),
        )
        .returningAll()
        .execute();
      for (const [i, order] of orders.entries()) work.push({ order, item: items[i] });
    }

    const ceiling = await race(Math.min(ORDERS, 5000), CONNECTIONS, () =>
      ctx.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
      }),
    );
    const delivery = await race(ORDERS, CONNECTIONS, async (i) => {
      const out = await ctx.db
        .transaction()
        .execute((trx) => deliverOrderItem(ctx, trx, { ...work[i], poolId: pool.id }));
      if (out.missing !== 0) throw new Error('a delivery came back short');
    });

    const table = await repo.countKeys(ctx.db, pool.id);
    const counter = (await repo.countsOf(ctx.db, [pool.id])).get(pool.id);
    const sales = await ctx.db
      .selectFrom('cardKeySales')
      .where('poolId', '=', pool.id)
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('keyId').distinct().as('keys')])
      .executeTakeFirstOrThrow();
    if (
      table.sold !== ORDERS ||
      JSON.stringify(table) !== JSON.stringify(counter) ||
      Number(sales.keys) !== ORDERS
    )
      throw new Error(`inconsistent: table ${JSON.stringify(table)} counter ${JSON.stringify(counter)}`);

    const out = {
      bench: 'card-keys',
      engine,
      date: new Date().toISOString().slice(0, 10),
      importKeys: IMPORT,
      importS: Number(importS.toFixed(2)),
      importKeysPerSec: Math.round(IMPORT / importS),
      importPeakRssMb: Math.round(peakRss / 1_048_576),
      rssBeforeImportMb: Math.round(rssBefore / 1_048_576),
      connections: CONNECTIONS,
      deliveries: ORDERS,
      deliveriesPerSec: delivery.perSec,
      deliveryP50Ms: Number(delivery.p50.toFixed(1)),
      deliveryP99Ms: Number(delivery.p99.toFixed(1)),
      ceilingEmptyTxPerSec: ceiling.perSec,
      counterEqualsTable: true,
    };
    console.table([out]);
    console.log(JSON.stringify(out));
  } finally {
    await app.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
