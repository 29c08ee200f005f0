// 200 buyers race for 50 units through two app instances (two connection pools, as two processes
// would have) on one database. On PostgreSQL this is real concurrency; on SQLite writers queue.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  client,
  createTestDatabase,
  createTestServer,
  engine,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';
import { ADDRESS, memberMinter, physical, pressPayPage } from '../../../test/shop-harness.ts';
import { sweepOnce } from './sweepers.ts';

let shared: Awaited<ReturnType<typeof createTestDatabase>>;
let one: TestServer;
let two: TestServer;

beforeAll(async () => {
  shared = await createTestDatabase();
  one = await createTestServer({ shared });
  two = await createTestServer({ shared });
});
afterAll(async () => {
  await one.close();
  await two.close();
  await shared.drop();
});

it(`200 concurrent buyers, stock 50 (${engine}): exactly 50 paid orders, stock never below zero`, async () => {
  const A = await seedMerchant(one, 'race');
  const minter = await memberMinter(one, A.owner);
  const product = (
    await client(one.app, A.owner).post('/api/v1/products', physical({ stock: 50, name: '限量款' }))
  ).body as { id: number };
  const buyers = [];
  for (let i = 0; i < 200; i++) buyers.push(await minter.member(`137${String(i).padStart(8, '0')}`));

  const outcomes = await Promise.all(
    buyers.map(async (b, i) => {
      const s = i % 2 === 0 ? one : two;
      const co = await client(s.app, b.token).post('/api/v1/shop/checkouts', {
        items: [{ productId: product.id, quantity: 1 }],
        buyer: ADDRESS,
      });
      if (co.status !== 201) return { reserved: false, code: co.body.error.code as string };
      // Half of the winners pay at once; the rest leave their checkout to expire.
      if (i % 4 < 2) {
        await pressPayPage(s, co.body.payUrl);
        return { reserved: true, paid: true };
      }
      return { reserved: true, paid: false };
    }),
  );
  const reserved = outcomes.filter((o) => o.reserved);
  expect(reserved).toHaveLength(50);
  expect(new Set(outcomes.filter((o) => !o.reserved).map((o) => o.code))).toEqual(new Set(['OUT_OF_STOCK']));
  const paidNow = outcomes.filter((o) => o.paid).length;

  const db = one.ctx.db;
  const stock = async () =>
    (await db.selectFrom('products').where('id', '=', product.id).select('stock').executeTakeFirstOrThrow())
      .stock;
  expect(await stock()).toBe(0);
  const orders = await db
    .selectFrom('orderItems')
    .where('productId', '=', product.id)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(orders.n)).toBe(paidNow);

  // The unpaid checkouts expire and give their units back; a second wave buys exactly those.
  await sweepOnce(one.ctx, Date.now() + 16 * 60_000);
  expect(await stock()).toBe(50 - paidNow);
  const second = await Promise.all(
    buyers.slice(0, 100).map(async (b, i) => {
      const s = i % 2 === 0 ? one : two;
      const co = await client(s.app, b.token).post('/api/v1/shop/checkouts', {
        items: [{ productId: product.id, quantity: 1 }],
        buyer: ADDRESS,
      });
      if (co.status !== 201) return false;
      await pressPayPage(s, co.body.payUrl);
      return true;
    }),
  );
  expect(second.filter(Boolean)).toHaveLength(50 - paidNow);
  expect(await stock()).toBe(0);
  const total = await db
    .selectFrom('orders')
    .where('merchantId', '=', A.merchant.id)
    .where('status', '=', 'paid')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(total.n)).toBe(50);
}, 120_000);
