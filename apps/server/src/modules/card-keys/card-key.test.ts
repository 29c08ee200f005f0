// Card keys end to end over HTTP: pools, import with duplicate reports, masked lists and audited
// reveals, guards (S1.8), the shared stock (S1.9), delivery on payment with callback replays, the
// buyer-only view, refusal of refunds (S1.1), and orders that wait for stock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyKeys,
  cardKeyProduct,
  importKeys,
  keyLines,
  NAME_PHONE,
  newPool,
  poolCounts,
} from '../../../test/card-key-harness.ts';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { memberMinter, pressPayPage } from '../../../test/shop-harness.ts';
import * as repo from './card-key.repo.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let owner: ReturnType<typeof client>;
let minter: Awaited<ReturnType<typeof memberMinter>>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'keys');
  owner = client(s.app, A.owner);
  minter = await memberMinter(s, A.owner);
});
afterAll(() => s.close());

const exact = async (poolId: number) => {
  const counter = (await repo.countsOf(s.ctx.db, [poolId])).get(poolId);
  const table = await repo.countKeys(s.ctx.db, poolId);
  expect(counter).toEqual(table);
  return table;
};

describe('pools and import', () => {
  it('previews, then imports pasted text once, reporting duplicates in the text and in the pool', async () => {
    const pool = await newPool(s, A.owner);
    const text = `卡密\n${keyLines('VIP', 5)}\nVIP-000001-X\n\n${keyLines('VIP', 2, 10)}`;
    const preview = await importKeys(s, A.owner, pool.id, text, { dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, rows: 8, imported: 7, duplicatesInFile: 1 });
    expect(preview.body.preview[0].masked).toBe('VI****-X');
    expect(preview.body.skipped).toEqual([{ line: 7, reason: 'duplicate_in_file', firstLine: 3 }]);
    expect((await exact(pool.id)).available).toBe(0);

    const first = await importKeys(s, A.owner, pool.id, text);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ imported: 7, duplicatesInFile: 1, duplicatesInPool: 0 });
    const again = await importKeys(s, A.owner, pool.id, keyLines('VIP', 3, 11));
    expect(again.body).toMatchObject({ imported: 2, duplicatesInPool: 1 });
    expect(again.body.skipped).toEqual([{ line: 1, reason: 'duplicate_in_pool' }]);
    expect((await exact(pool.id)).available).toBe(9);

    // Stored encrypted: the table never holds the key in plain text.
    const rows = await s.ctx.db.selectFrom('cardKeys').where('poolId', '=', pool.id).selectAll().execute();
    expect(rows.some((r) => r.secretEnc.includes('VIP') || r.keyHash.includes('VIP'))).toBe(false);
  });

  it('imports CSV and XLSX card number + password pairs', async () => {
    const pool = await newPool(s, A.owner, { name: '游戏点卡', shape: 'number_password' });
    const csv = '卡号,密码\n"8800001",p1\n8800002,"p,2"\n8800001,other\n8800003\n';
    const r = await importKeys(s, A.owner, pool.id, csv, { contentType: 'text/csv' });
    expect(r.body).toMatchObject({ rows: 4, imported: 2, duplicatesInFile: 1, invalid: 1 });

    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('keys');
    sheet.addRow(['卡号', '密码']);
    sheet.addRow([8800004, 'p4']);
    sheet.addRow(['8800002', 'dup']);
    const xlsx = await importKeys(s, A.owner, pool.id, Buffer.from(await book.xlsx.writeBuffer()), {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(xlsx.status).toBe(201);
    expect(xlsx.body).toMatchObject({ imported: 1, duplicatesInPool: 1 });
    const keys = await owner.get(`/api/v1/card-key-pools/${pool.id}/keys`);
    expect(keys.body.items.map((k: { masked: string }) => k.masked).sort()).toEqual([
      '8****1 / ******',
      '8****2 / ******',
      '8****4 / ******',
    ]);
    const bad = await importKeys(s, A.owner, pool.id, Buffer.from('not a zip'), {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('CARD_KEY_IMPORT_FORMAT');
  });

  it('reveals a key only to owners and managers, and audits every reveal', async () => {
    const pool = await newPool(s, A.owner);
    await importKeys(s, A.owner, pool.id, 'SECRET-REVEAL-1');
    const key = (await owner.get(`/api/v1/card-key-pools/${pool.id}/keys`)).body.items[0];
    expect(key.masked).not.toContain('REVEAL');
    const shown = await client(s.app, A.manager).post(`/api/v1/card-keys/${key.id}/reveal`);
    expect(shown.body).toEqual({ id: key.id, number: null, secret: 'SECRET-REVEAL-1' });
    expect((await client(s.app, A.verifier).post(`/api/v1/card-keys/${key.id}/reveal`)).status).toBe(403);
    const audit = await owner.get('/api/v1/audit?action=card_key.reveal');
    expect(audit.body.items.some((a: { targetId: string }) => a.targetId === String(key.id))).toBe(true);

    const B = await seedMerchant(s, 'keys-b');
    expect((await client(s.app, B.owner).post(`/api/v1/card-keys/${key.id}/reveal`)).status).toBe(404);
    expect((await client(s.app, B.owner).get(`/api/v1/card-key-pools/${pool.id}/keys`)).status).toBe(404);
    expect((await importKeys(s, B.owner, pool.id, 'X')).status).toBe(404);
  });

  it('exports the unsold keys for the owner only', async () => {
    const pool = await newPool(s, A.owner);
    await importKeys(s, A.owner, pool.id, 'EXP-1\nEXP-2');
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/v1/card-key-pools/${pool.id}/export`,
      headers: { authorization: `Bearer ${A.owner}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.trim().split('\n')).toEqual(['卡密', 'EXP-1', 'EXP-2']);
    expect((await client(s.app, A.manager).get(`/api/v1/card-key-pools/${pool.id}/export`)).status).toBe(403);
  });

  it('answers bad input with 4xx codes', async () => {
    expect((await owner.post('/api/v1/card-key-pools', { name: '', shape: 'secret' })).status).toBe(400);
    expect((await owner.post('/api/v1/card-key-pools', { name: 'x', shape: 'pin' })).status).toBe(400);
    expect((await owner.get('/api/v1/card-key-pools/abc')).status).toBe(400);
    expect((await owner.get('/api/v1/card-key-pools/999999')).body.error.code).toBe('NOT_FOUND');
    const pool = await newPool(s, A.owner);
    const odd = await s.app.inject({
      method: 'POST',
      url: `/api/v1/card-key-pools/${pool.id}/imports`,
      headers: { authorization: `Bearer ${A.owner}`, 'content-type': 'image/png' },
      payload: 'x',
    });
    expect(odd.statusCode).toBe(415);
    expect(
      (
        await owner.post('/api/v1/products', {
          type: 'card_key',
          name: 'k',
          priceCents: 1,
          stock: 1,
          fulfilRef: '999999',
        })
      ).body.error.code,
    ).toBe('FULFIL_REF_INVALID');
  });
});

describe('stock (S1.9)', () => {
  it('pool 50, product stock 100 → 50; stock 20 → 20; two products on one pool share the 50', async () => {
    const pool = await newPool(s, A.owner);
    await importKeys(s, A.owner, pool.id, keyLines('S19', 50));
    const one = await cardKeyProduct(s, A.owner, pool.id, { stock: 100 });
    const me = (await minter.member('13910006001')).token;
    const seen = async (id: number) =>
      (await client(s.app, me).get(`/api/v1/shop/products/${id}`)).body.product.stock as number;
    expect(await seen(one.id)).toBe(50);
    await owner.patch(`/api/v1/products/${one.id}`, { stock: 20 });
    expect(await seen(one.id)).toBe(20);
    // Product stock stays freely editable; the merchant sees what they set.
    expect((await owner.get(`/api/v1/products/${one.id}`)).body.stock).toBe(20);

    await owner.patch(`/api/v1/products/${one.id}`, { stock: 100 });
    const two = await cardKeyProduct(s, A.owner, pool.id, { stock: 100, name: '同池商品' });
    expect(await seen(two.id)).toBe(50);
    expect((await buyKeys(s, me, one.id, 30)).orderId).not.toBeNull();
    expect(await seen(one.id)).toBe(20);
    expect(await seen(two.id)).toBe(20);
    const list = await client(s.app, me).get('/api/v1/shop/products?pageSize=100');
    expect(list.body.items.find((p: { id: number }) => p.id === two.id).stock).toBe(20);
    // A checkout beyond what the pool has is refused.
    const over = await client(s.app, me).post('/api/v1/shop/checkouts', {
      items: [{ productId: two.id, quantity: 21 }],
      buyer: NAME_PHONE,
    });
    expect(over.body.error.code).toBe('OUT_OF_STOCK');
    const linked = await owner.get(`/api/v1/card-key-pools/${pool.id}/products`);
    expect(linked.body.map((p: { id: number }) => p.id)).toEqual([one.id, two.id]);
    await exact(pool.id);
  });
});

describe('delivery (S1.1)', () => {
  it('delivers exactly the bought keys to the buyer only, once per replayed callback; no refund', async () => {
    const pool = await newPool(s, A.owner);
    await importKeys(s, A.owner, pool.id, keyLines('DLV', 5));
    const product = await cardKeyProduct(s, A.owner, pool.id);
    const buyer = await minter.member('13910006002');
    const me = client(s.app, buyer.token);
    const noPhone = await me.post('/api/v1/shop/checkouts', {
      items: [{ productId: product.id, quantity: 2 }],
      buyer: { name: '李四' },
    });
    expect(noPhone.body.error.code).toBe('BUYER_INFO_REQUIRED');
    const cart = await me.post('/api/v1/shop/cart', { productId: product.id, quantity: 1 });
    expect(cart.body.error.code).toBe('CART_NOT_ALLOWED');

    const co = await me.post('/api/v1/shop/checkouts', {
      items: [{ productId: product.id, quantity: 2 }],
      buyer: NAME_PHONE,
    });
    expect(co.body.buyer).toEqual(NAME_PHONE);
    const token = (co.body.payUrl as string).split('/').pop()!;
    const notice = s.ctx.payments.sandbox.sign({
      outTradeNo: token,
      tradeNo: 'T-KEYS',
      amountCents: co.body.totalCents,
      status: 'SUCCESS',
      paidAt: Date.now(),
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        s.app.inject({ method: 'POST', url: '/api/v1/payments/sandbox/callback', payload: notice }),
      ),
    );
    const orderIds = new Set(answers.map((a) => a.json().orderId));
    expect(orderIds.size).toBe(1);
    const orderId = [...orderIds][0] as number;

    const order = await me.get(`/api/v1/shop/orders/${orderId}`);
    expect(order.body).toMatchObject({ status: 'completed', refundable: false, actions: [] });
    expect(order.body.items[0].fulfilment).toMatchObject({
      status: 'delivered',
      result: { cardKeys: { missing: 0 } },
    });
    const keys = await me.get(`/api/v1/shop/orders/${orderId}/card-keys`);
    expect(keys.body).toHaveLength(2);
    expect(keys.body.map((k: { secret: string }) => k.secret)).toEqual(['DLV-000000-X', 'DLV-000001-X']);
    // Nobody else sees them: another member gets 404, staff get no plain keys in the order.
    const other = await minter.member('13910006003');
    expect((await client(s.app, other.token).get(`/api/v1/shop/orders/${orderId}/card-keys`)).status).toBe(
      404,
    );
    expect(JSON.stringify((await owner.get(`/api/v1/orders/${orderId}`)).body)).not.toContain('DLV-');
    for (const action of ['refund', 'cancel']) {
      const r = await owner.post(`/api/v1/orders/${orderId}/${action}`, {});
      expect(r.body.error.code).toBe('ORDER_NOT_REFUNDABLE');
    }
    expect(await exact(pool.id)).toEqual({ available: 3, occupied: 0, sold: 2 });
    // One audit row for the delivery, with the keys' ids and no secret.
    const audit = await owner.get(`/api/v1/audit?action=card_key.deliver&targetId=${pool.id}`);
    const rows = (
      audit.body.items as { targetId: string; after: { orderId: number; keyIds: number[] } }[]
    ).filter((a) => a.targetId === String(pool.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ orderId, missing: 0 });
    expect(rows[0].after.keyIds).toHaveLength(2);
    expect(JSON.stringify(audit.body)).not.toContain('DLV-');
  });

  it('an order paid while the pool is short awaits stock; importing keys delivers the rest', async () => {
    const pool = await newPool(s, A.owner);
    await importKeys(s, A.owner, pool.id, keyLines('SHORT', 3));
    const product = await cardKeyProduct(s, A.owner, pool.id);
    const b1 = await minter.member('13910006004');
    const b2 = await minter.member('13910006005');
    // Both check out while 3 keys are there; the second payment finds only 1 left.
    const c1 = await client(s.app, b1.token).post('/api/v1/shop/checkouts', {
      items: [{ productId: product.id, quantity: 2 }],
      buyer: NAME_PHONE,
    });
    const c2 = await client(s.app, b2.token).post('/api/v1/shop/checkouts', {
      items: [{ productId: product.id, quantity: 3 }],
      buyer: NAME_PHONE,
    });
    await pressPayPage(s, c1.body.payUrl);
    const loc = await pressPayPage(s, c2.body.payUrl);
    const id2 = Number(/\/orders\/(\d+)$/.exec(loc)?.[1]);
    const waiting = await client(s.app, b2.token).get(`/api/v1/shop/orders/${id2}`);
    expect(waiting.body.status).toBe('paid');
    expect(waiting.body.items[0].fulfilment).toMatchObject({
      status: 'awaiting_stock',
      result: { cardKeys: { missing: 2 } },
    });
    expect((await client(s.app, b2.token).get(`/api/v1/shop/orders/${id2}/card-keys`)).body).toHaveLength(1);
    // The merchant is alerted: the pool is on the low-stock list with a waiting order.
    const low = await owner.get('/api/v1/card-key-pools/low-stock');
    expect(low.body.find((p: { id: number }) => p.id === pool.id)).toMatchObject({
      waitingOrders: 1,
      waitingKeys: 2,
    });

    await importKeys(s, A.owner, pool.id, keyLines('MORE', 5));
    const done = await client(s.app, b2.token).get(`/api/v1/shop/orders/${id2}`);
    expect(done.body.status).toBe('completed');
    expect(done.body.items[0].fulfilment.status).toBe('delivered');
    expect((await client(s.app, b2.token).get(`/api/v1/shop/orders/${id2}/card-keys`)).body).toHaveLength(3);
    expect(await exact(pool.id)).toEqual({ available: 3, occupied: 0, sold: 5 });
    expect((await poolCounts(s, A.owner, pool.id)).waitingOrders).toBe(0);
  });

  it('a reusable pool gives its one key to every buyer and is never used up', async () => {
    const pool = await newPool(s, A.owner, { reusable: true, name: '共享下载链接' });
    await importKeys(s, A.owner, pool.id, 'https://dl.example.com/share/abc');
    const product = await cardKeyProduct(s, A.owner, pool.id, { stock: 1000 });
    for (const phone of ['13910006006', '13910006007']) {
      const m = await minter.member(phone);
      const { orderId } = await buyKeys(s, m.token, product.id, 2);
      const keys = await client(s.app, m.token).get(`/api/v1/shop/orders/${orderId}/card-keys`);
      expect(keys.body.map((k: { secret: string }) => k.secret)).toEqual([
        'https://dl.example.com/share/abc',
      ]);
    }
    expect(await exact(pool.id)).toEqual({ available: 1, occupied: 0, sold: 0 });
  });
});

describe('guards (S1.8)', () => {
  it('refuses deleting sold or occupied keys and pools in use', async () => {
    const pool = await newPool(s, A.owner);
    await importKeys(s, A.owner, pool.id, keyLines('GRD', 4));
    const product = await cardKeyProduct(s, A.owner, pool.id);
    const m = await minter.member('13910006008');
    await buyKeys(s, m.token, product.id, 1);
    const hold = await owner.post(`/api/v1/card-key-pools/${pool.id}/reservations`, {
      activityKind: 'bargain',
      activityRef: 'bargain-1',
      quantity: 1,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(hold.status).toBe(201);
    const keys = (await owner.get(`/api/v1/card-key-pools/${pool.id}/keys`)).body.items as {
      id: number;
      state: string;
    }[];
    const byState = (st: string) => keys.find((k) => k.state === st)!;
    for (const st of ['sold', 'occupied']) {
      const r = await owner.del(`/api/v1/card-keys/${byState(st).id}`);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('CARD_KEY_IN_USE');
    }
    expect((await owner.del(`/api/v1/card-keys/${byState('available').id}`)).status).toBe(204);
    expect((await owner.del(`/api/v1/card-keys/${byState('available').id}`)).status).toBe(404);

    const inUse = await owner.del(`/api/v1/card-key-pools/${pool.id}`);
    expect(inUse.body.error.code).toBe('CARD_KEY_POOL_IN_USE');
    await owner.patch(`/api/v1/products/${product.id}`, { onSale: false });
    expect((await owner.del(`/api/v1/card-key-pools/${pool.id}`)).body.error.code).toBe(
      'CARD_KEY_POOL_IN_USE',
    );
    await owner.post(`/api/v1/card-key-reservations/${hold.body.id}/release`, {});
    expect((await owner.del(`/api/v1/card-key-pools/${pool.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/card-key-pools/${pool.id}`)).status).toBe(404);
    // The buyer still sees the keys of the deleted pool in their order.
    const orders = await client(s.app, m.token).get('/api/v1/shop/orders');
    const keysOfOrder = await client(s.app, m.token).get(
      `/api/v1/shop/orders/${orders.body.items[0].id}/card-keys`,
    );
    expect(keysOfOrder.body).toHaveLength(1);
  });
});
