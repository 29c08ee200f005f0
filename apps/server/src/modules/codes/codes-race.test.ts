// The redemption center's limits with real concurrency: 50 redemptions by one member at once over
// two app instances on one PostgreSQL (daily limit K = 3: exactly three succeed), and a freeze
// seen by a second app instance through the shared Redis counters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  client,
  createTestDatabase,
  createTestServer,
  engine,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';
import { ADDRESS, memberMinter, physical } from '../../../test/shop-harness.ts';
import { activeTemplate } from '../../../test/voucher-harness.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { generateCodes } from './codes.format.ts';
import * as repo from './codes.repo.ts';
import { codeRows } from './generation.service.ts';

let shared: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: TestServer[] = [];

beforeAll(async () => {
  shared = await createTestDatabase();
  for (let i = 0; i < 2; i++) servers.push(await createTestServer({ shared }));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await shared.drop();
});

async function setup(slug: string, settings: Record<string, number>) {
  const [s] = servers as [TestServer];
  const A = await seedMerchant(s, slug);
  const owner = client(s.app, A.owner);
  const minter = await memberMinter(s, A.owner);
  const product = (await owner.post('/api/v1/products', physical({ stock: 500 }))).body;
  const t = await activeTemplate(s, A.merchant.id);
  const lib = await owner.post('/api/v1/codes/libraries', {
    name: '礼品卡',
    format: 'mixed',
    templateId: t.id,
    reward: [{ productId: product.id, quantity: 1 }],
  });
  await owner.put('/api/v1/codes/settings', {
    failWindowMinutes: 10,
    maxFailures: 5,
    freezeHours: 1,
    ipMaxFailures: 1000,
    dailyLimit: 0,
    ...settings,
  });
  const plant = async (n: number) => {
    const codes = generateCodes('mixed', n);
    await repo.insertCodes(
      s.ctx.db,
      s.ctx.database.engine,
      codeRows(s.ctx, codes, {
        merchantId: A.merchant.id,
        libraryId: lib.body.id,
        batchId: null,
        firstSerial: 0,
        at: Date.now(),
      }),
    );
    return codes;
  };
  return { s, A, minter, product, plant };
}

it.skipIf(engine !== 'postgres')(
  '50 concurrent redemptions by one member over 2 instances with K = 3: exactly 3 succeed (postgres)',
  async () => {
    const { minter, product, plant } = await setup('code-race', { dailyLimit: 3 });
    const m = await minter.member('13910005900');
    const codes = await plant(50);
    const answers = await Promise.all(
      codes.map((code, i) =>
        client(servers[i % 2]!.app, m.token).post('/api/v1/redemption/redeem', {
          code,
          productId: product.id,
          buyer: ADDRESS,
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    expect(ok).toHaveLength(3);
    expect(new Set(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code))).toEqual(
      new Set(['DAILY_REDEEM_LIMIT']),
    );
    const [s] = servers as [TestServer];
    const orders = await s.ctx.db
      .selectFrom('orders')
      .where('memberId', '=', m.id)
      .where('channel', '=', 'redemption')
      .select('id')
      .execute();
    expect(orders).toHaveLength(3);
    const redeemed = await s.ctx.db
      .selectFrom('redemptionCodes')
      .where('memberId', '=', m.id)
      .where('state', '=', 'redeemed')
      .select('id')
      .execute();
    expect(redeemed).toHaveLength(3);
  },
  120_000,
);

it.skipIf(!process.env.REDIS_URL)(
  'a member frozen through one app process is frozen in another sharing Redis',
  async () => {
    const { minter, plant } = await setup('code-freeze', { maxFailures: 2 });
    const [right] = await plant(1);
    const m = await minter.member('13910005901');
    // Two more app instances with their own connections, sharing the counters namespace as
    // separate processes of one deployment do.
    const config = loadConfig({ ...shared.env } as NodeJS.ProcessEnv);
    // Fresh per run: Redis outlives the test database, and a freeze lasts an hour.
    const namespace = `kqt-freeze-${Math.random().toString(36).slice(2, 10)}`;
    const one = await buildApp(config, {
      webApps: false,
      sweepers: false,
      counterNamespace: namespace,
    });
    const two = await buildApp(config, {
      webApps: false,
      sweepers: false,
      counterNamespace: namespace,
    });
    try {
      expect(one.ctx.counters.backend).toBe('redis');
      const viaOne = client(one.app, m.token);
      const viaTwo = client(two.app, m.token);
      expect((await viaOne.post('/api/v1/redemption/lookup', { code: 'Wrong0Code123' })).status).toBe(400);
      const frozen = await viaOne.post('/api/v1/redemption/lookup', { code: 'Wrong1Code123' });
      expect(frozen.body.error.code).toBe('CODE_FROZEN');
      const elsewhere = await viaTwo.post('/api/v1/redemption/lookup', { code: right });
      expect(elsewhere.status).toBe(429);
      expect(elsewhere.body.error.code).toBe('CODE_FROZEN');
      expect(elsewhere.body.error.details.retryAfterSeconds).toBeGreaterThan(3000);
    } finally {
      await one.app.close();
      await two.app.close();
    }
  },
  60_000,
);
