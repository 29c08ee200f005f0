// Every documented route, called by every kind of caller with ids and bodies of the wrong shape:
// the answer is always a 4xx (or a success) with a stable error code, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, seedMerchant, type TestServer } from '../../test/harness.ts';
import { memberMinter } from '../../test/shop-harness.ts';

let s: TestServer;
let callers: Record<string, string | undefined>;

beforeAll(async () => {
  s = await createTestServer();
  const A = await seedMerchant(s, 'sweep');
  const member = await memberMinter(s, A.owner).then((m) => m.member('13300009999'));
  callers = {
    anonymous: undefined,
    operator: A.op,
    owner: A.owner,
    verifier: A.verifier,
    member: member.token,
  };
});
afterAll(() => s.close());

type Operation = { requestBody?: unknown; parameters?: { in: string; name: string }[] };

const LONG = 'x'.repeat(10_000);
const BAD_IDS = ['x', '0', '-1', '1.5', '99999999999999999999', encodeURIComponent("1' or '1'='1"), LONG];
const BAD_BODIES: (string | undefined)[] = [
  undefined,
  '{',
  'null',
  '[]',
  '"text"',
  '{"id":{},"name":[],"code":12,"storeId":"x","count":-1,"items":"no"}',
  JSON.stringify({ name: LONG, title: LONG, code: LONG, phone: LONG, q: LONG }),
];

/** Sign-outs and revocations go last, so they do not take the callers' sessions away early. */
const lastly = (path: string) => (/logout|revoke|sessions/.test(path) ? 1 : 0);

describe('route sweep', () => {
  it('answers every route, every caller, ids and bodies of the wrong shape without a 500', async () => {
    const doc = (await s.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const ops = Object.entries(doc.paths)
      .flatMap(([path, byMethod]) => Object.keys(byMethod).map((method) => ({ path, method })))
      .sort((a, b) => lastly(a.path) - lastly(b.path));
    expect(ops.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let calls = 0;
    for (const { path, method } of ops) {
      const hasParams = path.includes('{');
      const urls = hasParams
        ? BAD_IDS.map((id) => path.replace(/\{[^}]+\}/g, id))
        : [`${path}?page=-1&pageSize=100000&storeId=x&from=yesterday&state=${LONG.slice(0, 300)}`];
      const bodies = ['post', 'put', 'patch'].includes(method) ? BAD_BODIES : [undefined];
      for (const [who, token] of Object.entries(callers)) {
        for (const url of urls) {
          for (const payload of bodies) {
            const res = await s.app.inject({
              method: method.toUpperCase() as 'GET',
              url,
              payload,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
              },
            });
            calls++;
            const code = (() => {
              try {
                return (res.json() as { error?: { code?: string } }).error?.code;
              } catch {
                return undefined;
              }
            })();
            if (res.statusCode >= 500 || (res.statusCode >= 400 && !code && res.statusCode !== 404)) {
              failures.push(
                `${method.toUpperCase()} ${url.slice(0, 80)} as ${who} [${String(payload).slice(0, 30)}] → ${res.statusCode} ${res.body.slice(0, 120)}`,
              );
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 180_000);
});
