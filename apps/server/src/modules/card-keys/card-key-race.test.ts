// Purchases racing for one pool through four app instances (four connection pools on one
// database, as four processes would have). On PostgreSQL: 5,000 buyers, 2,000 keys, real
// concurrency with SKIP LOCKED; on SQLite writers queue, so a smaller run checks the same facts.
// Ten products share the pool. Every checkout is opened first and every payment then lands at once, so all of them race for
// the keys: exactly the pool's keys are delivered, none twice, the rest wait for stock, and the
// pool's counter equals the table throughout.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardKeyProduct, importKeys, keyLines, NAME_PHONE, newPool } from '../../../test/card-key-harness.ts';
import {
  client,
  createTestDatabase,
  createTestServer,
  engine,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';
import { memberMinter, orderIdFrom, pressPayPage } from '../../../test/shop-harness.ts';
import * as repo from './card-key.repo.ts';

const PURCHASES = engine === 'postgres' ? 5_000 : 1_000;
const KEYS = engine === 'postgres' ? 2_000 : 400;
const BUYERS = 50;
/** Ten products sell from the one pool (S1.9), so checkouts do not all queue on one product row. */
const PRODUCTS = 10;

let shared: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: TestServer[] = [];

beforeAll(async () => {
  shared = await createTestDatabase();
  for (let i = 0; i < 4; i++) servers.push(await createTestServer({ shared }));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await shared.drop();
});

/** Runs `n` tasks with at most `width` in flight. */
async function inWaves<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

it(`${PURCHASES} concurrent purchases of a ${KEYS}-key pool over 4 instances (${engine}): each key delivered once`, async () => {
  const [s] = servers;
  const A = await seedMerchant(s, 'keyrace');
  const minter = await memberMinter(s, A.owner);
  const pool = await newPool(s, A.owner, { name: '抢购卡池' });
  expect((await importKeys(s, A.owner, pool.id, keyLines('RACE', KEYS))).body.imported).toBe(KEYS);
  const products: number[] = [];
  for (let i = 0; i < PRODUCTS; i++)
    products.push((await cardKeyProduct(s, A.owner, pool.id, { stock: PURCHASES, name: `卡 ${i}` })).id);
  const buyers: { id: number; token: string }[] = [];
  for (let i = 0; i < BUYERS; i++) buyers.push(await minter.member(`139100062${String(i).padStart(2, '0')}`));

  const payUrls = await inWaves(PURCHASES, 500, async (i) => {
    const co = await client(servers[i % 4].app, buyers[i % BUYERS].token).post('/api/v1/shop/checkouts', {
      items: [{ productId: products[i % PRODUCTS], quantity: 1 }],
      buyer: NAME_PHONE,
    });
    expect(co.status, JSON.stringify(co.body)).toBe(201);
    return co.body.payUrl as string;
  });
  const orderIds = await Promise.all(
    payUrls.map((url, i) => pressPayPage(servers[(i + 1) % 4], url).then(orderIdFrom)),
  );
  expect(new Set(orderIds).size).toBe(PURCHASES);

  const db = s.ctx.db;
  const sales = await db
    .selectFrom('cardKeySales')
    .where('poolId', '=', pool.id)
    .select(['keyId', 'orderId'])
    .execute();
  expect(sales).toHaveLength(KEYS);
  expect(new Set(sales.map((x) => x.keyId)).size).toBe(KEYS);
  expect(new Set(sales.map((x) => x.orderId)).size).toBe(KEYS);
  const table = await repo.countKeys(db, pool.id);
  expect(table).toEqual({ available: 0, occupied: 0, sold: KEYS });
  expect((await repo.countsOf(db, [pool.id])).get(pool.id)).toEqual(table);
  const fulfilments = await db
    .selectFrom('fulfilments as f')
    .innerJoin('orderItems as i', 'i.id', 'f.orderItemId')
    .where('i.productId', 'in', products)
    .groupBy('f.status')
    .select(['f.status', (eb) => eb.fn.countAll<string>().as('n')])
    .execute();
  expect(Object.fromEntries(fulfilments.map((f) => [f.status, Number(f.n)]))).toEqual({
    delivered: KEYS,
    awaiting_stock: PURCHASES - KEYS,
  });

  // The waiting orders are served as soon as keys arrive, each exactly once.
  const rest = PURCHASES - KEYS;
  expect((await importKeys(servers[2], A.owner, pool.id, keyLines('MORE', rest))).body.imported).toBe(rest);
  const after = await repo.countKeys(db, pool.id);
  expect(after).toEqual({ available: 0, occupied: 0, sold: PURCHASES });
  expect((await repo.countsOf(db, [pool.id])).get(pool.id)).toEqual(after);
  const allSales = await db
    .selectFrom('cardKeySales')
    .where('poolId', '=', pool.id)
    .select(['keyId', 'orderId'])
    .execute();
  expect(new Set(allSales.map((x) => x.keyId)).size).toBe(PURCHASES);
  expect(new Set(allSales.map((x) => x.orderId)).size).toBe(PURCHASES);
  const open = await db
    .selectFrom('orders')
    .where('merchantId', '=', A.merchant.id)
    .where('status', '!=', 'completed')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(open.n)).toBe(0);
}, 600_000);
