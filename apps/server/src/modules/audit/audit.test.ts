import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { recordAudit, SYSTEM_ACTOR, searchAudit } from './audit.service.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'aud');
});
afterAll(() => s.close());

describe('audit', () => {
  it('commits and rolls back with the change it records', async () => {
    const actor = { ...SYSTEM_ACTOR, merchantId: A.merchant.id };
    await s.ctx.db
      .transaction()
      .execute(async (trx) => {
        await recordAudit(trx, actor, { action: 'test.rolled_back', targetType: 'test', targetId: 1 });
        throw new Error('the change failed');
      })
      .catch(() => {});
    await s.ctx.db.transaction().execute(async (trx) => {
      await recordAudit(trx, actor, {
        action: 'test.committed',
        targetType: 'test',
        targetId: 2,
        before: { a: 1 },
        after: { a: 2 },
      });
    });
    const rolled = await searchAudit(
      s.ctx.db,
      { merchantId: A.merchant.id, action: 'test.rolled_back' },
      1,
      10,
    );
    const committed = await searchAudit(
      s.ctx.db,
      { merchantId: A.merchant.id, action: 'test.committed' },
      1,
      10,
    );
    expect(rolled.total).toBe(0);
    expect(committed.items[0]).toMatchObject({
      before: { a: 1 },
      after: { a: 2 },
      actorType: 'system',
      targetId: '2',
    });
  });

  it('records who, from where and which request, and filters by actor and time', async () => {
    const owner = client(s.app, A.owner, { 'x-request-id': 'req-audit-1' });
    const store = (await owner.post('/api/v1/stores', { name: 'Audited' })).body;
    const me = (await owner.get('/api/v1/auth/me')).body.user;
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const r = await owner.get(
      `/api/v1/audit?targetType=store&targetId=${store.id}&actorId=${me.id}&from=${from}&to=${to}`,
    );
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({
      action: 'store.create',
      actorType: 'staff',
      actorId: me.id,
      actorName: 'owner@aud.test',
      requestId: 'req-audit-1',
      ip: '127.0.0.1',
      before: null,
    });
    expect(r.body.items[0].after.name).toBe('Audited');
    const past = await owner.get(`/api/v1/audit?targetType=store&targetId=${store.id}&to=${from}`);
    expect(past.body.total).toBe(0);
  });
});
