// Replays every request the seed documents for /client/* (form fields, the member's token) and
// checks every response field the seed shows, with the seed's types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { memberMinter } from '../../../test/shop-harness.ts';
import { activeTemplate } from '../../../test/voucher-harness.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let holder: { id: number; token: string };
let friend: { id: number; token: string };
let vouchers: number[];

// Field → type of the seed's examples (seed 004: 電子券列表, 詳情, 自助核銷, 自助核銷詳情, 評價, 通過門店核銷二維碼獲取門店ID).
const LIST_ITEM = {
  id: 'number',
  member_id: 'number',
  coupon_id: 'number',
  start_date: 'string',
  end_date: 'string',
  create_date: 'number',
  use_date: 'number',
  give_date: 'number',
  type: 'number',
  use_id: 'number',
  receive_id: 'number',
  evaluation: 'string',
  score: 'number',
  evaluation_time: 'number',
  is_read: 'number',
  coupon_title: 'string',
  deduction: 'string',
  is_self: 'number',
};
const INFO = {
  ...LIST_ITEM,
  give_id: 'number',
  come: 'number',
  user_id: 'number',
  order_id: 'number',
  goods_id: 'number',
  receive_member_info: 'object',
  couponInfo: 'object',
};
const COUPON_INFO = {
  title: 'string',
  type: 'number',
  code: 'number',
  use_week: 'string',
  is_self: 'number',
  is_giving: 'number',
  rules: 'string',
};
const AUDIT = {
  mem_coupon_id: 'string',
  user_id: 'number',
  create_date: 'number',
  coupon_id: 'number',
  id: 'string',
};
const AUDIT_INFO = {
  id: 'number',
  mem_coupon_id: 'number',
  coupon_id: 'number',
  create_date: 'string',
  shop_id: 'number',
  user_id: 'number',
  coupon_title: 'string',
  shop_name: 'string',
};
const EVALUATION = { id: 'string', evaluation: 'string', score: 'string', evaluation_time: 'number' };

function shaped(data: Record<string, unknown>, shape: Record<string, string>) {
  for (const [field, type] of Object.entries(shape)) {
    expect(data, `field ${field}`).toHaveProperty(field);
    if (field === 'give_date') expect(['number', 'string']).toContain(typeof data[field]);
    else expect(typeof data[field], `type of ${field}`).toBe(type);
  }
}

async function call(token: string | null, path: string, form: Record<string, string | number> = {}) {
  const res = await s.app.inject({
    method: 'POST',
    url: `/client/${path}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    payload: new URLSearchParams(
      Object.entries(form).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString(),
  });
  expect(res.statusCode).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the seed's answers are checked field by field below
  return res.json() as { code: number; info: string; data: any };
}

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'compat');
  const minter = await memberMinter(s, A.owner);
  holder = await minter.member('13000000001');
  friend = await minter.member('13000000002');
  const t = await activeTemplate(s, A.merchant.id, {
    kind: 'cash',
    amountCents: 1_000,
    thresholdCents: 0,
    goodsName: null,
    isSelf: 1,
    isGiving: 1,
    useWeek: '1111111',
    conditions: '我是使用規則',
  });
  const grant = await client(s.app, A.owner).post('/api/v1/vouchers/grants', {
    templateId: t.id,
    memberId: holder.id,
    count: 3,
  });
  vouchers = grant.body.map((v: { id: number }) => v.id);
});
afterAll(() => s.close());

describe('/client/* (seed 004)', () => {
  it('couponlist, couponinfo, getauditcoupon, shopid', async () => {
    const list = await call(holder.token, 'couponlist', { state: 0, page: 1, limit: 10 });
    expect(list).toMatchObject({ code: 0, info: '成功' });
    expect(list.data).toHaveLength(3);
    shaped(list.data[0], LIST_ITEM);
    expect(list.data[0]).toMatchObject({ member_id: holder.id, deduction: '10.00', is_self: 1, use_date: 0 });
    expect(list.data[0].start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const info = await call(holder.token, 'couponinfo', { id: vouchers[0] });
    shaped(info.data, INFO);
    shaped(info.data.couponInfo, COUPON_INFO);
    expect(info.data.receive_member_info).toEqual({ nickname: '', headimgurl: '' });
    expect(info.data.couponInfo).toMatchObject({
      type: 1,
      use_week: '1,2,3,4,5,6,7',
      is_giving: 1,
      rules: '我是使用規則',
    });

    const usable = await call(holder.token, 'getauditcoupon');
    expect(usable.code).toBe(0);
    expect(usable.data).toHaveLength(3);

    const shop = await call(holder.token, 'shopid', { audit_url: A.store1.verifyUrl });
    expect(shop).toEqual({ code: 0, info: '成功', data: A.store1.id });
  });

  it('auditcoupon, auditcouponinfo, evaluacoupon', async () => {
    const audit = await call(holder.token, 'auditcoupon', {
      mem_coupon_id: vouchers[0],
      shop_id: A.store1.id,
    });
    expect(audit.code).toBe(0);
    shaped(audit.data, AUDIT);
    expect(audit.data.mem_coupon_id).toBe(String(vouchers[0]));

    const info = await call(holder.token, 'auditcouponinfo', { id: Number(audit.data.id) });
    shaped(info.data, AUDIT_INFO);
    expect(info.data.create_date).toMatch(/^\d{4}年\d{2}月\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(info.data).toMatchObject({ shop_id: A.store1.id, shop_name: A.store1.name });

    const used = await call(holder.token, 'couponlist', { state: 1, page: 1, limit: 10 });
    expect(used.data.map((v: { id: number }) => v.id)).toEqual([vouchers[0]]);

    const ev = await call(holder.token, 'evaluacoupon', {
      id: vouchers[0],
      evaluation: '非常給力',
      score: 5,
    });
    shaped(ev.data, EVALUATION);
    expect(ev.data).toMatchObject({ evaluation: '非常給力', score: '5' });

    const again = await call(holder.token, 'auditcoupon', {
      mem_coupon_id: vouchers[0],
      shop_id: A.store1.id,
    });
    expect(again.code).not.toBe(0);
    expect(again.info).toBe('该券已核销');
    expect(again.data).toBeNull();
  });

  it('givecoupon and getcoupon move the voucher to the friend', async () => {
    const give = await call(holder.token, 'givecoupon', { id: vouchers[1] });
    expect(give.code).toBe(0);
    expect(give.data.code).toMatch(/^\d{6}$/);
    const got = await call(friend.token, 'getcoupon', { id: vouchers[1], code: give.data.code });
    expect(got).toEqual({ code: 0, info: '成功', data: { id: vouchers[1] } });
    const mine = await call(friend.token, 'couponlist', { state: 0, page: 1, limit: 10 });
    expect(mine.data[0]).toMatchObject({ id: vouchers[1], type: 2, member_id: friend.id });
    const info = await call(friend.token, 'couponinfo', { id: vouchers[1] });
    expect(info.data.give_id).toBe(holder.id);
    expect(info.data.give_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('refusals use the envelope with a non-zero code and a readable info', async () => {
    expect(await call(null, 'couponlist', { state: 0 })).toEqual({ code: 401, info: '请先登录', data: null });
    const missing = await call(holder.token, 'couponinfo', {});
    expect(missing.code).toBe(400);
    const other = await call(friend.token, 'couponinfo', { id: vouchers[2] });
    expect(other.code).toBe(404);
    const json = await s.app.inject({
      method: 'POST',
      url: '/client/couponlist',
      headers: { authorization: `Bearer ${holder.token}` },
      payload: { state: 2, page: 1, limit: 10 },
    });
    expect(json.json()).toMatchObject({ code: 0, data: [] });
  });
});
