// Helpers for redemption-code tests.
import { generateCodes } from '../src/modules/codes/codes.format.ts';
import * as repo from '../src/modules/codes/codes.repo.ts';
import { codeRows } from '../src/modules/codes/generation.service.ts';
import { client, seedMerchant, type TestServer } from './harness.ts';
import { memberMinter, physical } from './shop-harness.ts';
import { activeTemplate } from './voucher-harness.ts';

/** `n` codes written straight into a library (the generator has its own tests); their plain values. */
export async function plantCodes(s: TestServer, to: { merchantId: number; libraryId: number }, n: number) {
  const codes = generateCodes('mixed', n);
  await repo.insertCodes(
    s.ctx.db,
    s.ctx.database.engine,
    codeRows(s.ctx, codes, { ...to, batchId: null, firstSerial: 0, at: Date.now() }),
  );
  return codes;
}

/** The merchant's redemption-center settings: a lenient lockout, and the daily limit given (S0.9). */
export async function setDailyLimit(s: TestServer, ownerToken: string, dailyLimit: number) {
  const r = await client(s.app, ownerToken).put('/api/v1/codes/settings', {
    failWindowMinutes: 10,
    maxFailures: 5,
    freezeHours: 1,
    ipMaxFailures: 1000,
    dailyLimit,
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}

/**
 * A merchant whose code library rewards one unit of goods to ship (`stock` of them), with `n`
 * codes planted in it: what a redemption test starts from.
 */
export async function shippedRewardLibrary(s: TestServer, slug: string, stock: number, n: number) {
  const A = await seedMerchant(s, slug);
  const owner = client(s.app, A.owner);
  const minter = await memberMinter(s, A.owner);
  const product = (await owner.post('/api/v1/products', physical({ stock }))).body;
  const t = await activeTemplate(s, A.merchant.id);
  const lib = (
    await owner.post('/api/v1/codes/libraries', {
      name: '礼品卡',
      format: 'mixed',
      templateId: t.id,
      reward: [{ productId: product.id, quantity: 1 }],
    })
  ).body;
  const codes = await plantCodes(s, { merchantId: A.merchant.id, libraryId: lib.id }, n);
  return { A, minter, product, library: lib as { id: number; templateId: number }, codes };
}

/** The merchant's redeemed codes, each with its order. */
export const redeemedCodes = (s: TestServer, merchantId: number) =>
  s.ctx.db
    .selectFrom('redemptionCodes')
    .where('merchantId', '=', merchantId)
    .where('state', '=', 'redeemed')
    .select(['id', 'orderId'])
    .execute();

/** The units a product has left. */
export const stockOf = async (s: TestServer, productId: number) =>
  (
    await s.ctx.db
      .selectFrom('products')
      .where('id', '=', productId)
      .select('stock')
      .executeTakeFirstOrThrow()
  ).stock;
