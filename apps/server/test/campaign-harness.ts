// Helpers for campaign tests: many members with sessions written straight into the database (a
// flash crowd of thousands would take minutes through the sign-up routes), and campaign setup.
import { randomToken } from '../src/lib/keys.ts';
import { DAY } from '../src/lib/time.ts';
import { client, type TestServer } from './harness.ts';
import { activeTemplate } from './voucher-harness.ts';

/** `n` members of the merchant, phones from `firstPhone` upward, each with a member token. */
export async function crowd(s: TestServer, merchantId: number, firstPhone: number, n: number) {
  const at = Date.now();
  const out: { id: number; token: string }[] = [];
  for (let start = 0; start < n; start += 500) {
    const size = Math.min(500, n - start);
    const members = await s.ctx.db
      .insertInto('members')
      .values(
        Array.from({ length: size }, (_, i) => ({
          merchantId,
          name: `会员${start + i}`,
          phone: String(firstPhone + start + i),
          externalId: null,
          status: 'active' as const,
          levelId: null,
          svipExpiresAt: null,
          referrerId: null,
          agentRegion: null,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .returning('id')
      .execute();
    const tokens = members.map(() => `kqm_${randomToken()}`);
    await s.ctx.db
      .insertInto('sessions')
      .values(
        members.map((m, i) => ({
          tokenHash: s.ctx.keys.hmac(tokens[i]),
          kind: 'member' as const,
          staffId: null,
          memberId: m.id,
          merchantId,
          createdAt: at,
          expiresAt: at + DAY,
          revokedAt: null,
          ip: null,
        })),
      )
      .execute();
    out.push(...members.map((m, i) => ({ id: m.id, token: tokens[i] })));
  }
  return out;
}

/** A QR campaign over fresh active templates: one item per entry of `items`. */
export async function qrCampaign(
  s: TestServer,
  merchantId: number,
  ownerToken: string,
  items: { quantity: number; stock: number }[],
  rules: Record<string, unknown> = {},
) {
  const templates: Awaited<ReturnType<typeof activeTemplate>>[] = [];
  for (const _ of items) templates.push(await activeTemplate(s, merchantId));
  const res = await client(s.app, ownerToken).post('/api/v1/campaigns', {
    kind: 'qr',
    name: '扫码领券',
    repeatRule: 'unlimited',
    ...rules,
    items: items.map((it, i) => ({ templateId: templates[i].id, ...it })),
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  const token = new URL(res.body.link).pathname.split('/').pop() as string;
  return { campaign: res.body, token, templates };
}

export async function vouchersOf(s: TestServer, templateId: number) {
  const r = await s.ctx.db
    .selectFrom('vouchers')
    .where('templateId', '=', templateId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
