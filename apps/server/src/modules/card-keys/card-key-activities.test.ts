// Card keys in activities (S1.5, S1.10): bargain, scratch card / nine-grid and lucky draw flows,
// expiry of an occupation giving its keys back, refused activity kinds, idempotent retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKeys, keyLines, newPool } from '../../../test/card-key-harness.ts';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { ADDRESS, memberMinter, orderIdFrom, physical, pressPayPage } from '../../../test/shop-harness.ts';
import { sweepOnce } from '../commerce/sweepers.ts';
import * as repo from './card-key.repo.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let owner: ReturnType<typeof client>;
let minter: Awaited<ReturnType<typeof memberMinter>>;
let cupId: number;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'keyact');
  owner = client(s.app, A.owner);
  minter = await memberMinter(s, A.owner);
  cupId = (await owner.post('/api/v1/products', physical({ stock: 100 }))).body.id;
});
afterAll(() => s.close());

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

async function poolWith(n: number, prefix: string) {
  const pool = await newPool(s, A.owner, { name: prefix });
  await importKeys(s, A.owner, pool.id, keyLines(prefix, n));
  return pool.id;
}

/** A paid order of the member (the activity's order, paid through the sandbox). */
async function paidOrder(token: string) {
  const co = await client(s.app, token).post('/api/v1/shop/checkouts', {
    items: [{ productId: cupId, quantity: 1 }],
    buyer: ADDRESS,
  });
  return orderIdFrom(await pressPayPage(s, co.body.payUrl));
}

async function counts(poolId: number) {
  const counter = (await repo.countsOf(s.ctx.db, [poolId])).get(poolId);
  expect(counter).toEqual(await repo.countKeys(s.ctx.db, poolId));
  return counter;
}

const keysIn = async (token: string, orderId: number) =>
  (await client(s.app, token).get(`/api/v1/shop/orders/${orderId}/card-keys`)).body as {
    secret: string;
    source: string;
  }[];

describe('bargain (reduces stock on participation)', () => {
  it('occupies a key when started and sells it when paid', async () => {
    const poolId = await poolWith(3, 'BRG');
    const m = await minter.member('13910006101');
    const hold = await owner.post(`/api/v1/card-key-pools/${poolId}/reservations`, {
      activityKind: 'bargain',
      activityRef: 'bargain-7',
      quantity: 1,
      expiresAt: inAnHour(),
    });
    expect(hold.body).toMatchObject({ status: 'active', occupied: 1, sold: 0 });
    expect(await counts(poolId)).toEqual({ available: 2, occupied: 1, sold: 0 });

    const orderId = await paidOrder(m.token);
    const sold = await owner.post(`/api/v1/card-key-reservations/${hold.body.id}/sell`, {
      memberId: m.id,
      orderId,
    });
    expect(sold.status).toBe(201);
    expect(await counts(poolId)).toEqual({ available: 2, occupied: 0, sold: 1 });
    expect((await owner.get(`/api/v1/card-key-reservations/${hold.body.id}`)).body).toMatchObject({
      status: 'closed',
      sold: 1,
    });
    expect(await keysIn(m.token, orderId)).toEqual([
      { orderItemId: null, source: 'bargain', number: null, secret: 'BRG-000000-X' },
    ]);
    // Selling again from a closed reservation is refused.
    const again = await owner.post(`/api/v1/card-key-reservations/${hold.body.id}/sell`, { memberId: m.id });
    expect(again.body.error.code).toBe('CARD_KEY_RESERVATION_CLOSED');
  });

  it('gives the key back when the occupation expires', async () => {
    const poolId = await poolWith(2, 'EXPB');
    const hold = await owner.post(`/api/v1/card-key-pools/${poolId}/reservations`, {
      activityKind: 'bargain',
      activityRef: 'bargain-8',
      quantity: 2,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(await counts(poolId)).toEqual({ available: 0, occupied: 2, sold: 0 });
    await sweepOnce(s.ctx, Date.now());
    expect(await counts(poolId)).toEqual({ available: 0, occupied: 2, sold: 0 });
    const swept = await sweepOnce(s.ctx, Date.now() + 120_000);
    expect(swept.keyHoldsExpired).toBeGreaterThanOrEqual(1);
    expect(await counts(poolId)).toEqual({ available: 2, occupied: 0, sold: 0 });
    const m = await minter.member('13910006102');
    const late = await owner.post(`/api/v1/card-key-reservations/${hold.body.id}/sell`, { memberId: m.id });
    expect(late.body.error.code).toBe('CARD_KEY_RESERVATION_CLOSED');
  });
});

describe('scratch card and nine-grid', () => {
  it('a win marks a key sold; the winner sees it only in their paid order', async () => {
    const poolId = await poolWith(2, 'WIN');
    const winner = await minter.member('13910006103');
    const other = await minter.member('13910006104');
    const win = await owner.post(`/api/v1/card-key-pools/${poolId}/wins`, {
      activityKind: 'scratch_card',
      activityRef: 'scratch-1',
      memberId: winner.id,
    });
    expect(win.status).toBe(201);
    expect(win.body).toEqual([
      { keyId: expect.any(Number), memberId: winner.id, orderId: null, source: 'scratch_card' },
    ]);
    expect(await counts(poolId)).toEqual({ available: 1, occupied: 0, sold: 1 });

    const orderId = await paidOrder(winner.token);
    expect(await keysIn(winner.token, orderId)).toEqual([]);
    const othersOrder = await paidOrder(other.token);
    const wrong = await owner.post('/api/v1/card-key-sales/attach', {
      keyIds: [win.body[0].keyId],
      memberId: winner.id,
      orderId: othersOrder,
    });
    expect(wrong.status).toBe(404);
    const attached = await owner.post('/api/v1/card-key-sales/attach', {
      keyIds: [win.body[0].keyId],
      memberId: winner.id,
      orderId,
    });
    expect(attached.body).toEqual([
      { keyId: win.body[0].keyId, memberId: winner.id, orderId, source: 'scratch_card' },
    ]);
    expect((await keysIn(winner.token, orderId)).map((k) => k.secret)).toEqual(['WIN-000000-X']);

    const nine = await owner.post(`/api/v1/card-key-pools/${poolId}/wins`, {
      activityKind: 'nine_grid',
      activityRef: 'grid-1',
      memberId: other.id,
      quantity: 2,
    });
    expect(nine.body.error.code).toBe('CARD_KEYS_SHORT');
    // Another merchant's member is not found here.
    const B = await seedMerchant(s, 'keyact-b');
    const stranger = await (await memberMinter(s, B.owner)).member('13910006107');
    const foreign = await owner.post(`/api/v1/card-key-pools/${poolId}/wins`, {
      activityKind: 'scratch_card',
      activityRef: 'scratch-2',
      memberId: stranger.id,
    });
    expect(foreign.status).toBe(404);
    expect(await counts(poolId)).toEqual({ available: 1, occupied: 0, sold: 1 });
  });
});

describe('lucky draw', () => {
  it('occupies keys when added, sells them to winners at the draw and releases the rest', async () => {
    const poolId = await poolWith(5, 'DRAW');
    const added = await owner.post(`/api/v1/card-key-pools/${poolId}/reservations`, {
      activityKind: 'lucky_draw',
      activityRef: 'draw-2026',
      quantity: 3,
      expiresAt: inAnHour(),
    });
    expect(await counts(poolId)).toEqual({ available: 2, occupied: 3, sold: 0 });
    const w1 = await minter.member('13910006105');
    const w2 = await minter.member('13910006106');
    const o1 = await paidOrder(w1.token);
    await owner.post(`/api/v1/card-key-reservations/${added.body.id}/sell`, { memberId: w1.id, orderId: o1 });
    const s2 = await owner.post(`/api/v1/card-key-reservations/${added.body.id}/sell`, { memberId: w2.id });
    const released = await owner.post(`/api/v1/card-key-reservations/${added.body.id}/release`, {});
    expect(released.body).toMatchObject({ status: 'closed', occupied: 0, sold: 2 });
    expect(await counts(poolId)).toEqual({ available: 3, occupied: 0, sold: 2 });
    expect((await keysIn(w1.token, o1)).map((k) => k.source)).toEqual(['lucky_draw']);
    // The second winner sees the key once their order is paid and linked.
    const o2 = await paidOrder(w2.token);
    expect(await keysIn(w2.token, o2)).toEqual([]);
    await owner.post('/api/v1/card-key-sales/attach', {
      keyIds: [s2.body[0].keyId],
      memberId: w2.id,
      orderId: o2,
    });
    expect(await keysIn(w2.token, o2)).toHaveLength(1);
  });
});

describe('rules', () => {
  it('refuses the activity kinds card keys may not join (S1.5), and unknown kinds', async () => {
    const poolId = await poolWith(2, 'RULE');
    for (const kind of ['social_gift', 'n_choose', 'combo', 'presale', 'multi_merchant']) {
      const r = await owner.post(`/api/v1/card-key-pools/${poolId}/reservations`, {
        activityKind: kind,
        activityRef: 'x',
        quantity: 1,
        expiresAt: inAnHour(),
      });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('CARD_KEY_ACTIVITY_REFUSED');
    }
    const unknown = await owner.post(`/api/v1/card-key-pools/${poolId}/wins`, {
      activityKind: 'mystery',
      activityRef: 'x',
      memberId: 1,
    });
    expect(unknown.status).toBe(400);
    const tooMany = await owner.post(`/api/v1/card-key-pools/${poolId}/reservations`, {
      activityKind: 'lucky_draw',
      activityRef: 'x',
      quantity: 3,
      expiresAt: inAnHour(),
    });
    expect(tooMany.body.error.code).toBe('CARD_KEYS_SHORT');
    const past = await owner.post(`/api/v1/card-key-pools/${poolId}/reservations`, {
      activityKind: 'lucky_draw',
      activityRef: 'x',
      quantity: 1,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(await counts(poolId)).toEqual({ available: 2, occupied: 0, sold: 0 });
  });

  it('a retried reservation with the same Idempotency-Key occupies once; API keys need cardkeys:write', async () => {
    const poolId = await poolWith(4, 'IDEM');
    const body = { activityKind: 'bargain', activityRef: 'b', quantity: 1, expiresAt: inAnHour() };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        owner.post(`/api/v1/card-key-pools/${poolId}/reservations`, body, { 'idempotency-key': 'hold-1' }),
      ),
    );
    expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id)).size).toBe(1);
    expect(await counts(poolId)).toEqual({ available: 3, occupied: 1, sold: 0 });

    const ro = await owner.post('/api/v1/api-keys', { name: 'ro', scopes: ['cardkeys:read'] });
    const rw = await owner.post('/api/v1/api-keys', { name: 'rw', scopes: ['cardkeys:write'] });
    expect(
      (await client(s.app, ro.body.secret).post(`/api/v1/card-key-pools/${poolId}/reservations`, body))
        .status,
    ).toBe(403);
    expect((await client(s.app, ro.body.secret).get(`/api/v1/card-key-pools/${poolId}/keys`)).status).toBe(
      200,
    );
    expect(
      (await client(s.app, rw.body.secret).post(`/api/v1/card-key-pools/${poolId}/reservations`, body))
        .status,
    ).toBe(201);
    // Reveal is for signed-in owners and managers only, never an API key.
    const key = (await owner.get(`/api/v1/card-key-pools/${poolId}/keys`)).body.items[0];
    expect((await client(s.app, rw.body.secret).post(`/api/v1/card-keys/${key.id}/reveal`)).status).toBe(403);
  });
});
