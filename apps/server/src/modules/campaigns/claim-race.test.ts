// A flash crowd against a QR campaign over four app instances (four connection pools on one
// database, as four processes would have): 10,000 members against a stock of 1,000 on
// PostgreSQL (1,000 against 100 on SQLite) — exactly the stock is granted, every other claimer
// is told it is sold out, and the campaign has paused itself.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crowd, qrCampaign, vouchersOf } from '../../../test/campaign-harness.ts';
import {
  client,
  createTestDatabase,
  createTestServer,
  engine,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';

let shared: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: TestServer[] = [];
const [claimers, stock] = engine === 'postgres' ? [10_000, 1_000] : [1_000, 100];

beforeAll(async () => {
  shared = await createTestDatabase();
  for (let i = 0; i < 4; i++) servers.push(await createTestServer({ shared }));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await shared.drop();
});

it(`${claimers} concurrent claimers against a stock of ${stock} (${engine}): exactly ${stock} granted`, async () => {
  const [s] = servers;
  const A = await seedMerchant(s, 'crace');
  const { campaign, token, templates } = await qrCampaign(
    s,
    A.merchant.id,
    A.owner,
    [{ quantity: 1, stock }],
    {
      repeatRule: 'once',
    },
  );
  const members = await crowd(s, A.merchant.id, 13910007000, claimers);

  const answers = await Promise.all(
    // Every other claimer sends an Idempotency-Key: the transaction path and, on PostgreSQL, the
    // one-statement path compete for the same stock.
    members.map((m, i) =>
      client(servers[i % 4].app, m.token).post(
        `/api/v1/claim/${token}`,
        {},
        i % 2 ? { 'idempotency-key': `crowd-${i}` } : {},
      ),
    ),
  );
  const granted = answers.filter((a) => a.status === 201);
  expect(granted).toHaveLength(stock);
  expect(new Set(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code))).toEqual(
    new Set(['CAMPAIGN_SOLD_OUT']),
  );
  expect(await vouchersOf(s, templates[0].id)).toBe(stock);
  const after = (await client(s.app, A.owner).get(`/api/v1/campaigns/${campaign.id}`)).body;
  expect(after).toMatchObject({ status: 'paused', pauseReason: 'sold_out', claims: stock });
  expect(after.items[0]).toMatchObject({ claimed: stock, remaining: 0 });
  const records = await client(s.app, A.owner).get(`/api/v1/campaigns/${campaign.id}/claims?result=granted`);
  expect(records.body.total).toBe(stock);
  const all = await client(s.app, A.owner).get(`/api/v1/campaigns/${campaign.id}/claims`);
  expect(all.body.total).toBe(claimers);
}, 300_000);
