// Helpers for card-key tests: pools, imports of pasted text, card-key products and purchases.
import { client, type TestServer } from './harness.ts';
import { orderIdFrom, pressPayPage } from './shop-harness.ts';

export const NAME_PHONE = { name: '李四', phone: '13910006000' };

/** `n` distinct keys, one a line. */
export const keyLines = (prefix: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(from + i).padStart(6, '0')}-X`).join('\n');

export async function newPool(s: TestServer, token: string, over: Record<string, unknown> = {}) {
  const r = await client(s.app, token).post('/api/v1/card-key-pools', {
    name: '视频会员月卡',
    shape: 'secret',
    lowStockThreshold: 5,
    ...over,
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: number; shape: string };
}

/** Imports pasted text (or CSV/XLSX bytes with their content type); the raw answer. */
export async function importKeys(
  s: TestServer,
  token: string,
  poolId: number,
  body: string | Buffer,
  opts: { dryRun?: boolean; contentType?: string; format?: 'csv' } = {},
) {
  const q = new URLSearchParams();
  if (opts.dryRun) q.set('dryRun', 'true');
  if (opts.format) q.set('format', opts.format);
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/v1/card-key-pools/${poolId}/imports${q.size ? `?${q}` : ''}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': opts.contentType ?? 'text/plain' },
    payload: body,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  return { status: res.statusCode, body: res.json() as any };
}

export async function cardKeyProduct(
  s: TestServer,
  token: string,
  poolId: number,
  over: Record<string, unknown> = {},
) {
  const r = await client(s.app, token).post('/api/v1/products', {
    type: 'card_key',
    name: '视频会员月卡',
    priceCents: 1_990,
    stock: 100,
    onSale: true,
    fulfilRef: String(poolId),
    ...over,
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: number };
}

/** Buy now and pay on the sandbox page; the order id (or the refusal). */
export async function buyKeys(s: TestServer, memberToken: string, productId: number, quantity = 1) {
  const co = await client(s.app, memberToken).post('/api/v1/shop/checkouts', {
    items: [{ productId, quantity }],
    buyer: NAME_PHONE,
  });
  if (co.status !== 201) return { orderId: null, code: co.body.error.code as string };
  return { orderId: orderIdFrom(await pressPayPage(s, co.body.payUrl)), code: null };
}

export async function poolCounts(s: TestServer, token: string, poolId: number) {
  const r = await client(s.app, token).get(`/api/v1/card-key-pools/${poolId}`);
  return r.body as { available: number; occupied: number; sold: number; waitingOrders: number };
}
