import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, engine, seedMerchant, type TestServer } from '../../test/harness.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'idem');
});
afterAll(() => s.close());

async function countStores(name: string) {
  const r = await client(s.app, A.owner).get(`/api/v1/stores?q=${encodeURIComponent(name)}`);
  return r.body.total as number;
}

describe('Idempotency-Key', () => {
  it('a replay returns the first response (status and body) and creates nothing more', async () => {
    const c = client(s.app, A.owner, { 'idempotency-key': 'store-create-1' });
    const first = await c.post('/api/v1/stores', { name: 'Replay store' });
    const second = await c.post('/api/v1/stores', { name: 'Replay store' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countStores('Replay store')).toBe(1);
  });

  it('the same key with a different body is refused with 422', async () => {
    const c = client(s.app, A.owner, { 'idempotency-key': 'store-create-2' });
    expect((await c.post('/api/v1/stores', { name: 'Body one' })).status).toBe(201);
    const other = await c.post('/api/v1/stores', { name: 'Body two' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countStores('Body two')).toBe(0);
  });

  it("one caller's key never replays another caller's response", async () => {
    const key = { 'idempotency-key': 'shared-key' };
    expect((await client(s.app, A.owner, key).post('/api/v1/stores', { name: 'Owner store' })).status).toBe(
      201,
    );
    const manager = await client(s.app, A.manager, key).post('/api/v1/stores', { name: 'Owner store' });
    expect(manager.status).toBe(422);
  });

  it('a refused request stores nothing: the same key with a corrected body then succeeds', async () => {
    await client(s.app, A.owner).post('/api/v1/members', { phone: '13000000000' });
    const c = client(s.app, A.owner, { 'idempotency-key': 'member-1' });
    const taken = await c.post('/api/v1/members', { phone: '13000000000' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('PHONE_TAKEN');
    const fixed = await c.post('/api/v1/members', { phone: '13000000001' });
    expect(fixed.status).toBe(201);
    expect((await c.post('/api/v1/members', { phone: '13000000001' })).body).toEqual(fixed.body);
  });

  it('refuses a malformed key', async () => {
    const r = await client(s.app, A.owner, { 'idempotency-key': 'has space' }).post('/api/v1/stores', {
      name: 'x',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it(`20 concurrent requests with one key create exactly one store (${engine})`, async () => {
    const c = client(s.app, A.owner, { 'idempotency-key': 'concurrent-1' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => c.post('/api/v1/stores', { name: 'Race store' })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await countStores('Race store')).toBe(1);
  });
});
