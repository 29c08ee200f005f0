// 1,000 verifications of one voucher at once, spread over four app instances (four connection
// pools on one database, as four processes would have): exactly one succeeds.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  client,
  createTestDatabase,
  createTestServer,
  engine,
  seedMerchant,
  type TestServer,
} from '../../../test/harness.ts';
import { memberMinter } from '../../../test/shop-harness.ts';
import { activeTemplate, requestNo } from '../../../test/voucher-harness.ts';

let shared: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: TestServer[] = [];

beforeAll(async () => {
  shared = await createTestDatabase();
  for (let i = 0; i < 4; i++) servers.push(await createTestServer({ shared }));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await shared.drop();
});

it(`1,000 concurrent verifications of one voucher over 4 instances (${engine}): exactly one succeeds`, async () => {
  const [s] = servers;
  const A = await seedMerchant(s, 'vrace');
  const minter = await memberMinter(s, A.owner);
  const m = await minter.member('13200000001');
  const t = await activeTemplate(s, A.merchant.id);
  const grant = await client(s.app, A.owner).post('/api/v1/vouchers/grants', {
    templateId: t.id,
    memberId: m.id,
  });
  const code = (await client(s.app, m.token).get(`/api/v1/wallet/vouchers/${grant.body[0].id}`)).body.code;

  const answers = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      client(servers[i % 4].app, A.verifier).post('/api/v1/verifications', {
        code,
        storeId: A.store1.id,
        requestNo: requestNo(),
      }),
    ),
  );
  const ok = answers.filter((a) => a.status === 201);
  expect(ok).toHaveLength(1);
  expect(new Set(answers.filter((a) => a.status !== 201).map((a) => a.body.error.code))).toEqual(
    new Set(['VOUCHER_ALREADY_USED']),
  );
  const records = await s.ctx.db
    .selectFrom('verifications')
    .where('voucherId', '=', grant.body[0].id)
    .selectAll()
    .execute();
  expect(records).toHaveLength(1);
}, 120_000);
