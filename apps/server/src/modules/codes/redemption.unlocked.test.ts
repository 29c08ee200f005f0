// Online redemptions made without a transaction (redemption.batch.ts, redeemUnlocked): a batch of
// plain requests reads its codes and goods without locks, and one statement locks them, checks the
// plan still holds and writes everything. Here what the batch saw changes before its statement
// runs — its codes disabled, the goods' stock gone — and the statement writes nothing: the locking
// path makes the batch again, each request gets the exact answer, and no row is left half made.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { redeemedCodes, shippedRewardLibrary, stockOf } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { ADDRESS } from '../../../test/shop-harness.ts';
import { redemptionBatchStats } from './redemption.batch.ts';
import type { Planned } from './redemption.write.ts';

const seam = vi.hoisted(() => ({
  /** Run once, before the next statement, with the codes it is about to write. */
  meanwhile: null as null | ((codeIds: number[]) => Promise<void>),
  /** Per statement run: the redemptions it wrote, or 'nothing'. */
  results: [] as (number | 'nothing')[],
}));

vi.mock('./redemption.write.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./redemption.write.ts')>();
  type Args = Parameters<typeof real.writeWaitingRedemptionsAlone>;
  return {
    ...real,
    writeWaitingRedemptionsAlone: async (...args: Args) => {
      const meanwhile = seam.meanwhile;
      seam.meanwhile = null;
      if (meanwhile) await meanwhile(await codeIdsOf(args[4] as Planned[]));
      const made = await real.writeWaitingRedemptionsAlone(...args);
      seam.results.push(made === null ? 'nothing' : made.length);
      return made;
    },
  };
});

let s: TestServer;

/** The codes a statement is about to write (a foreseen plan knows only their hashes). */
async function codeIdsOf(planned: Planned[]) {
  const rows = await s.ctx.db
    .selectFrom('redemptionCodes')
    .where(
      'codeHash',
      'in',
      planned.map((p) => p.req.hash),
    )
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

async function setup(slug: string, stock: number, n: number, phones: number) {
  const { A, minter, product, codes } = await shippedRewardLibrary(s, slug, stock, n);
  const members: { token: string }[] = [];
  for (let i = 0; i < n; i++)
    members.push(await minter.member(`1391000${phones}${String(i).padStart(3, '0')}`));
  seam.results = [];
  /** Every member redeems their code; with `keyed`, the even ones send an Idempotency-Key. */
  const redeemAll = (keyed = false) =>
    Promise.all(
      members.map((m, i) =>
        client(s.app, m.token, keyed && i % 2 === 0 ? { 'idempotency-key': `${slug}-${i}` } : {}).post(
          '/api/v1/redemption/redeem',
          { code: codes[i], productId: product.id, buyer: ADDRESS },
        ),
      ),
    );
  return { A, product, codes, redeemAll };
}

/** The merchant's rows: checkouts, orders, redeemed codes, stock left; each order with its code. */
async function rowsOf(merchantId: number, productId: number) {
  const db = s.ctx.db;
  const checkouts = await db
    .selectFrom('checkouts')
    .where('merchantId', '=', merchantId)
    .select('id')
    .execute();
  const orders = await db
    .selectFrom('orders')
    .where('merchantId', '=', merchantId)
    .select(['id', 'checkoutId'])
    .execute();
  const redeemed = await redeemedCodes(s, merchantId);
  const stock = await stockOf(s, productId);
  return { checkouts, orders, redeemed, stock };
}

it.skipIf(engine !== 'postgres')(
  'plain redemptions, keyed or not, are written by the one statement; every code has its own order (postgres)',
  async () => {
    const { A, product, redeemAll } = await setup('alone-plain', 50, 12, 1);
    const answers = await redeemAll(true);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(seam.results.length).toBeGreaterThan(0);
    expect(seam.results.reduce<number>((n, r) => n + (r === 'nothing' ? 0 : r), 0)).toBe(12);
    const rows = await rowsOf(A.merchant.id, product.id);
    expect(rows.checkouts).toHaveLength(12);
    expect(rows.orders).toHaveLength(12);
    expect(new Set(rows.orders.map((o) => o.checkoutId))).toEqual(new Set(rows.checkouts.map((c) => c.id)));
    expect(new Set(rows.redeemed.map((c) => c.orderId))).toEqual(new Set(answers.map((a) => a.body.orderId)));
    expect(new Set(rows.redeemed.map((c) => c.id))).toEqual(new Set(answers.map((a) => a.body.codeId)));
    expect(rows.stock).toBe(38);

    // Each key was stored with its answer, sealed around the order: the retry gets the same answer
    // and makes nothing more.
    const stored = await s.ctx.db
      .selectFrom('idempotencyKeys')
      .where('merchantId', '=', A.merchant.id)
      .select(['key', 'statusCode', 'responseBody'])
      .execute();
    expect(stored.map((k) => k.key).sort()).toEqual(
      [0, 2, 4, 6, 8, 10].map((i) => `alone-plain-${i}`).sort(),
    );
    for (const k of stored) {
      expect(k.statusCode).toBe(201);
      expect(JSON.parse(k.responseBody!)).toHaveProperty('$sealed');
    }
    const again = await redeemAll(true);
    for (const i of [0, 2, 4, 6, 8, 10])
      expect(again[i]).toMatchObject({ status: 201, body: answers[i]!.body });
    for (const i of [1, 3, 5]) expect(again[i]!.body.error.code).toBe('CODE_ALREADY_REDEEMED');
    expect((await rowsOf(A.merchant.id, product.id)).orders).toHaveLength(12);
  },
  60_000,
);

it.skipIf(engine !== 'postgres')(
  'codes disabled after the batch read them: nothing written, those refused, the rest made (postgres)',
  async () => {
    const { A, product, codes, redeemAll } = await setup('alone-disabled', 50, 10, 2);
    let disabled: number[] = [];
    seam.meanwhile = async (codeIds) => {
      disabled = codeIds;
      await s.ctx.db
        .updateTable('redemptionCodes')
        .set({ state: 'disabled' })
        .where('id', 'in', codeIds)
        .execute();
    };
    const answers = await redeemAll();
    expect(seam.results[0]).toBe('nothing');
    expect(disabled.length).toBeGreaterThan(0);
    const ids = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('merchantId', '=', A.merchant.id)
      .select(['id', 'state'])
      .orderBy('id')
      .execute();
    expect(ids).toHaveLength(codes.length);
    const made = answers.filter((a) => a.status === 201);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.error.code).toBe('CODE_DISABLED');
    expect(answers.length - made.length).toBe(disabled.length);
    expect(made.map((a) => a.body.codeId).some((id) => disabled.includes(id))).toBe(false);
    const rows = await rowsOf(A.merchant.id, product.id);
    expect(rows.checkouts).toHaveLength(made.length);
    expect(rows.orders).toHaveLength(made.length);
    expect(rows.redeemed).toHaveLength(made.length);
    expect(rows.stock).toBe(50 - made.length);
  },
  60_000,
);

it.skipIf(engine !== 'postgres')(
  'stock gone after the batch read it: nothing written, every request refused for stock (postgres)',
  async () => {
    const { A, product, redeemAll } = await setup('alone-stock', 50, 8, 3);
    seam.meanwhile = async () => {
      await s.ctx.db.updateTable('products').set({ stock: 0 }).where('id', '=', product.id).execute();
    };
    const answers = await redeemAll();
    expect(seam.results[0]).toBe('nothing');
    expect(answers.map((a) => [a.status, a.body.error?.code])).toEqual(
      answers.map(() => [409, 'OUT_OF_STOCK']),
    );
    const rows = await rowsOf(A.merchant.id, product.id);
    expect(rows).toMatchObject({ checkouts: [], orders: [], redeemed: [], stock: 0 });
  },
  60_000,
);

it.skipIf(engine !== 'postgres')(
  'keys before codes, as every path takes them: a key held elsewhere is waited for without a deadlock (postgres)',
  async () => {
    const { A, minter, product, codes } = await shippedRewardLibrary(s, 'alone-order', 50, 1);
    const m = await minter.member('13910008001');
    const [code] = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('merchantId', '=', A.merchant.id)
      .select('id')
      .execute();
    const before = redemptionBatchStats(s.ctx);
    // Another transaction holds the key, as the full path does once it claimed it…
    const other = await s.ctx.database.pool!.connect();
    try {
      await other.query('begin');
      await other.query(
        `insert into idempotency_keys (merchant_id, key, fingerprint, created_at) values ($1, 'alone-order-k', 'x', 0)`,
        [A.merchant.id],
      );
      const answer = client(s.app, m.token, { 'idempotency-key': 'alone-order-k' }).post(
        '/api/v1/redemption/redeem',
        { code: codes[0], productId: product.id, buyer: ADDRESS },
      );
      // …while the batch's statement waits for it…
      for (let i = 0; i < 200; i++) {
        const { rows } = await s.ctx.database.pool!.query(
          `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%codes.redeem.ship_alone%'`,
        );
        if (rows.length > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      // …and then wants the code: taken after the key, the code is still free. (Were the code locked
      // before the key, PostgreSQL would break a deadlock here after a second.)
      await other.query('set local statement_timeout = 5000');
      await other.query('select id from redemption_codes where id = $1 for update', [code!.id]);
      await other.query('rollback');
      expect((await answer).status).toBe(201);
    } finally {
      other.release();
    }
    expect(redemptionBatchStats(s.ctx).failed).toBe(before.failed);
    expect(seam.results.at(-1)).toBe(1);
  },
  60_000,
);
