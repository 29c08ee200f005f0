import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { chooseIn, pick, snap } from './admin-helpers.ts';
import { DEMO } from './helpers.ts';

test.use({ viewport: { width: 1366, height: 860 } });

// This spec runs before the H5 specs, so it makes its own evaluations: a member of its own (no SMS
// code needed) gets two vouchers, the owner verifies them at the two demo stores, and the member
// evaluates them through the API, as the member pages would.
const suffix = Date.now().toString(36).slice(-5);
const MEMBER = { name: '赵六', phone: '13900000077' };
const STORE_A = '人民广场店';
const STORE_B = '徐家汇店';
const COFFEE = '咖啡兑换券';
const GOOD = '拿铁很好喝，环境安静。';
const SLOW = '排队有点久，咖啡还行。';

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** Two used vouchers of 咖啡兑换券 evaluated by a new member: 5 stars at store A, then 3 at store B. */
async function evaluationsThroughTheApi(page: Page, request: APIRequestContext) {
  const owner = page.request;
  const templates = await json<{ items: { id: number; title: string }[] }>(
    await owner.get('/api/v1/voucher-templates?status=active&pageSize=100'),
  );
  const templateId = templates.items.find((t) => t.title === COFFEE)!.id;
  const stores = await json<{ items: { id: number; name: string }[] }>(await owner.get('/api/v1/stores'));
  const storeId = (name: string) => stores.items.find((s) => s.name === name)!.id;

  const member = await json<{ id: number }>(await owner.post('/api/v1/members', { data: MEMBER }));
  const { secret } = await json<{ secret: string }>(
    await owner.post('/api/v1/api-keys', {
      data: { name: `评价会话 ${suffix}`, scopes: ['members:sessions'] },
    }),
  );
  const { token } = await json<{ token: string }>(
    await request.post(`/api/v1/members/${member.id}/sessions`, {
      headers: { Authorization: `Bearer ${secret}` },
      data: {},
    }),
  );
  const asMember = { Authorization: `Bearer ${token}` };
  const granted = await json<{ id: number }[]>(
    await owner.post('/api/v1/vouchers/grants', {
      headers: { 'Idempotency-Key': `evaluations-${suffix}` },
      data: { templateId, memberId: member.id, count: 2 },
    }),
  );
  const plan = [
    { store: STORE_A, score: 5, text: GOOD },
    { store: STORE_B, score: 3, text: SLOW },
  ];
  for (const [i, step] of plan.entries()) {
    const id = granted[i].id;
    const { code } = await json<{ code: string }>(
      await request.get(`/api/v1/wallet/vouchers/${id}`, { headers: asMember }),
    );
    await json(
      await owner.post('/api/v1/verifications', {
        data: { code, storeId: storeId(step.store), requestNo: `eval-${suffix}-${i}` },
      }),
    );
    const evaluated = await request.post(`/api/v1/wallet/vouchers/${id}/evaluation`, {
      headers: asMember,
      data: { score: step.score, text: step.text },
    });
    expect(evaluated.status(), await evaluated.text()).toBe(201);
  }
}

test('the owner reads members’ evaluations with the averages per template and store', async ({
  page,
  request,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/admin/');
  await page.getByLabel('账号', { exact: true }).fill(DEMO.owner.login);
  await page.getByLabel('密码', { exact: true }).fill(DEMO.owner.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/overview$/);
  await evaluationsThroughTheApi(page, request);

  const entry = page.getByRole('menuitem', { name: /(^|\s)评价$/ });
  await expect(page.getByRole('menuitem', { name: /(^|\s)核销记录$/ })).toBeVisible();
  await entry.click();
  await expect(page).toHaveURL(/\/admin\/evaluations$/);
  await expect(page.getByRole('heading', { name: '评价', exact: true })).toBeVisible();

  const summary = page.getByTestId('evaluations-summary');
  await expect(summary).toContainText('平均分');
  await expect(summary).toContainText('4.00');
  await expect(summary).toContainText(/评价数\s*2/);
  const byTemplate = page.getByTestId('evaluations-by-template');
  await expect(byTemplate.getByRole('row', { name: new RegExp(COFFEE) })).toContainText(/4\.00\s*2/);
  const byStore = page.getByTestId('evaluations-by-store');
  await expect(byStore.getByRole('row', { name: new RegExp(STORE_A) })).toContainText(/5\.00\s*1/);
  await expect(byStore.getByRole('row', { name: new RegExp(STORE_B) })).toContainText(/3\.00\s*1/);

  const rows = page.locator('.ant-card', { hasText: '评价列表' }).locator('.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(SLOW);
  await expect(rows.first()).toContainText(STORE_B);
  await expect(rows.first()).toContainText(COFFEE);
  await expect(rows.first()).toContainText(MEMBER.name);
  await expect(rows.first()).toContainText('139****0077');
  await expect(rows.first().locator('.ant-rate-star-full')).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(GOOD);
  await expect(rows.nth(1).locator('.ant-rate-star-full')).toHaveCount(5);
  await expect(page.getByText('共 2 条')).toBeVisible();
  await snap(page, 'admin-evaluations');

  // The store filter narrows the list and the averages; the score filter only the list.
  await chooseIn(page, page, '门店', STORE_B);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(SLOW);
  await expect(summary).toContainText('3.00');
  await expect(byStore.getByRole('row', { name: new RegExp(STORE_A) })).toHaveCount(0);
  await page.getByLabel('评分').click();
  await pick(page, '1 星');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('没有符合条件的记录')).toBeVisible();
  await expect(summary).toContainText('3.00');
  await snap(page, 'admin-evaluations-no-match');

  // 重置, then a store's name in the averages table narrows to that store.
  await page.getByRole('button', { name: '重置' }).click();
  await expect(rows).toHaveCount(2);
  await byStore.getByRole('button', { name: STORE_A }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(GOOD);
  await expect(summary).toContainText('5.00');
  await expect(page.locator('.ant-form-item', { has: page.getByLabel('门店') })).toContainText(STORE_A);
  await snap(page, 'admin-evaluations-store');
  expect(errors).toEqual([]);
});
