// Helpers for commerce tests: members with sessions, products, and paying through the sandbox.
import { client, type TestServer } from './harness.ts';

export async function memberMinter(s: TestServer, ownerToken: string) {
  const key = await client(s.app, ownerToken).post('/api/v1/api-keys', {
    name: 'shop tests',
    scopes: ['members:write', 'members:sessions', 'commerce:read', 'commerce:write'],
  });
  if (key.status !== 201) throw new Error(JSON.stringify(key.body));
  const api = client(s.app, key.body.secret as string);
  return {
    api,
    /** A member (created when new) and a session token for it. */
    async member(phone: string): Promise<{ id: number; token: string }> {
      const created = await api.post('/api/v1/members', { phone, name: `M${phone.slice(-4)}` });
      let id = created.body?.id as number | undefined;
      if (created.status === 409) {
        const found = await api.get(`/api/v1/members?q=${phone}`);
        id = found.body.items[0].id;
      } else if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      const session = await api.post(`/api/v1/members/${id}/sessions`, {});
      if (session.status !== 201) throw new Error(JSON.stringify(session.body));
      return { id: id!, token: session.body.token as string };
    },
  };
}

export const physical = (over: Record<string, unknown> = {}) => ({
  type: 'physical',
  name: '保温杯',
  priceCents: 10_000,
  stock: 10,
  onSale: true,
  couponAllowed: true,
  pointsAllowed: true,
  memberPriceAllowed: true,
  svipAllowed: true,
  svipPriceCents: 8_800,
  commission: {
    enabled: true,
    distributorBp: [1000, 500, 200],
    teamBp: 300,
    shareholderBp: 100,
    regionalBp: 200,
  },
  ...over,
});

export const ADDRESS = { name: '张三', phone: '13800000000', region: '上海', address: '人民大道 100 号' };

/** Presses Pay (or Cancel) on the hosted sandbox pay page; the redirect target. */
export async function pressPayPage(s: TestServer, payUrl: string, button: 'pay' | 'cancel' = 'pay') {
  const res = await s.app.inject({
    method: 'POST',
    url: `${payUrl}/${button}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  if (res.statusCode !== 303) throw new Error(`pay page ${button}: ${res.statusCode} ${res.body}`);
  return res.headers.location as string;
}

export const orderIdFrom = (location: string) => Number(/\/orders\/(\d+)$/.exec(location)?.[1]);
