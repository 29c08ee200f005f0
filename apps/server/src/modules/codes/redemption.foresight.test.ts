// A merchant's later batches of online redemptions foresee their plan from what its earlier batches
// read (redemption.plan.ts): one statement, no read. Here the foreseen plan is right, and then wrong
// in each way it can be — the reward, the goods or the library changed since, a code of a library
// not seen yet, a wrong code in the batch — and each time the statement writes nothing, the batch
// reads, and every request gets the answer and the rows a read plan gives.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { plantCodes, redeemedCodes, shippedRewardLibrary, stockOf } from '../../../test/codes-harness.ts';
import { client, createTestServer, engine, type TestServer } from '../../../test/harness.ts';
import { ADDRESS } from '../../../test/shop-harness.ts';
import { redemptionBatchStats } from './redemption.batch.ts';

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

async function setup(slug: string, n: number, phones: string) {
  const made = await shippedRewardLibrary(s, slug, 100, n);
  const members: { token: string }[] = [];
  for (let i = 0; i < n; i++)
    members.push(await made.minter.member(`${phones}${String(i).padStart(2, '0')}`));
  /** Members `from`…`to − 1` redeem codes `from`…, together; with `keyed`, each under a key of its own. */
  const wave = (codes: string[], from: number, to: number, keyed = false) =>
    Promise.all(
      codes
        .slice(from, to)
        .map((code, j) =>
          client(
            s.app,
            members[from + j]!.token,
            keyed ? { 'idempotency-key': `${slug}-${from + j}` } : {},
          ).post('/api/v1/redemption/redeem', { code, productId: made.product.id, buyer: ADDRESS }),
        ),
    );
  return { ...made, owner: client(s.app, made.A.owner), wave };
}

/** The merchant's orders, each with its item, and the codes redeemed; the product's stock. */
async function rowsOf(merchantId: number, productId: number) {
  const db = s.ctx.db;
  const items = await db
    .selectFrom('orders as o')
    .innerJoin('orderItems as i', 'i.orderId', 'o.id')
    .where('o.merchantId', '=', merchantId)
    .select(['o.id', 'o.checkoutId', 'i.productName', 'i.quantity'])
    .orderBy('o.id')
    .execute();
  const redeemed = await redeemedCodes(s, merchantId);
  const audits = await db
    .selectFrom('auditLog')
    .where('merchantId', '=', merchantId)
    .where('action', '=', 'code.redeem')
    .select('targetId')
    .execute();
  const stock = await stockOf(s, productId);
  return { items, redeemed, audits, stock };
}

const foreseen = () => redemptionBatchStats(s.ctx).foreseen;

it.skipIf(engine !== 'postgres')(
  'later batches are foreseen: one statement, the rows and answers a read plan gives, keyed retries one answer (postgres)',
  async () => {
    const { A, product, codes, wave } = await setup('foresee-plain', 12, '139200010');
    const first = await wave(codes, 0, 4);
    expect(first.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const before = foreseen();
    const second = await wave(codes, 4, 12, true);
    expect(second.map((a) => a.status)).toEqual(second.map(() => 201));
    expect(foreseen().made).toBeGreaterThan(before.made);
    expect(foreseen().missed).toBe(before.missed);

    const rows = await rowsOf(A.merchant.id, product.id);
    const answers = [...first, ...second].map((a) => a.body);
    expect(rows.items).toHaveLength(12);
    expect(rows.items.every((i) => i.productName === product.name && i.quantity === 1)).toBe(true);
    expect(new Set(rows.redeemed.map((c) => `${c.id}:${c.orderId}`))).toEqual(
      new Set(answers.map((a) => `${a.codeId}:${a.orderId}`)),
    );
    expect(new Set(rows.audits.map((a) => Number(a.targetId)))).toEqual(
      new Set(answers.map((a) => a.codeId)),
    );
    expect(rows.stock).toBe(88);

    // Each key was stored with the code found by the statement: the retry gets the same answer.
    const again = await wave(codes, 4, 12, true);
    expect(again.map((a) => a.body)).toEqual(second.map((a) => a.body as unknown));
    expect((await rowsOf(A.merchant.id, product.id)).items).toHaveLength(12);
  },
  60_000,
);

it.skipIf(engine !== 'postgres').each([
  ['the reward changed to two units', 'foresee-reward', '139200020'],
  ['the goods renamed', 'foresee-renamed', '139200030'],
  ['the library disabled', 'foresee-disabled', '139200040'],
  ['codes of a library not seen yet', 'foresee-library', '139200050'],
  ['a wrong code among them', 'foresee-wrong', '139200060'],
])(
  'a foreseen plan that no longer holds writes nothing; the batch reads and answers exactly: %s (postgres)',
  async (what, slug, phones) => {
    const { A, owner, product, library, codes, wave } = await setup(slug, 8, phones);
    expect((await wave(codes, 0, 2)).map((a) => a.status)).toEqual([201, 201]);
    let later = codes;
    let quantity = 1;
    let name = product.name as string;
    if (what === 'the reward changed to two units') {
      quantity = 2;
      const r = await owner.patch(`/api/v1/codes/libraries/${library.id}`, {
        reward: [{ productId: product.id, quantity: 2 }],
      });
      expect(r.status).toBe(200);
    } else if (what === 'the goods renamed') {
      name = '新名字的礼盒';
      expect((await owner.patch(`/api/v1/products/${product.id}`, { name })).status).toBe(200);
    } else if (what === 'the library disabled') {
      const r = await owner.patch(`/api/v1/codes/libraries/${library.id}`, { status: 'disabled' });
      expect(r.status).toBe(200);
    } else if (what === 'codes of a library not seen yet') {
      // A second library offering the same goods, three units each: its codes are not in the
      // library the batch foresees.
      quantity = 3;
      const other = await owner.post('/api/v1/codes/libraries', {
        name: '礼品卡二',
        format: 'mixed',
        templateId: library.templateId,
        reward: [{ productId: product.id, quantity: 3 }],
      });
      expect(other.status).toBe(201);
      later = [
        ...codes.slice(0, 2),
        ...(await plantCodes(s, { merchantId: A.merchant.id, libraryId: other.body.id }, 6)),
      ];
    } else later = [...codes.slice(0, 4), 'Zz9Zz9Zz9Zz9', ...codes.slice(5)];

    const before = foreseen();
    const answers = await wave(later, 2, 8);
    // The batch that foresaw its plan failed (with the wrong code, a batch of the others may have
    // been made before it); the batches after it read.
    expect(foreseen().missed).toBeGreaterThan(before.missed);
    if (what !== 'a wrong code among them') expect(foreseen().made).toBe(before.made);
    const rows = await rowsOf(A.merchant.id, product.id);
    if (what === 'the library disabled') {
      expect(answers.map((a) => a.body.error?.code)).toEqual(answers.map(() => 'CODE_DISABLED'));
      expect(rows.items).toHaveLength(2);
      expect(rows.stock).toBe(98);
      return;
    }
    const wrong = what === 'a wrong code among them' ? 2 : -1;
    for (const [j, a] of answers.entries())
      if (j === wrong) expect([a.status, a.body.error.code]).toEqual([400, 'CODE_INVALID']);
      else expect(a.status).toBe(201);
    const made = answers.filter((a) => a.status === 201).length;
    expect(rows.items).toHaveLength(2 + made);
    expect(rows.items.slice(2).every((i) => i.productName === name && i.quantity === quantity)).toBe(true);
    expect(rows.redeemed).toHaveLength(2 + made);
    expect(rows.stock).toBe(98 - made * quantity);
  },
  60_000,
);
