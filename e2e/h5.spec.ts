import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { readCode, smsMark } from './h5-helpers.ts';
import { DEMO, shot as rawShot } from './helpers.ts';

// Member pages are built for a phone screen.
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test('a member signs in with an SMS code, looks around and signs out', async ({ page, request }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const info = await (await request.get(`/api/v1/h5/${DEMO.merchantSlug}`)).json();
  const merchantName: string = info.merchant.name;

  await page.goto(`/h5/${DEMO.merchantSlug}/`);
  await expect(page).toHaveURL(/\/h5\/demo\/login$/);
  await expect(page.getByRole('heading', { name: `欢迎来到${merchantName}` })).toBeVisible();
  await expect(page.getByText('验证码写在服务器日志')).toBeVisible();
  await shot(page, 'h5-login');

  // A wrong phone number is caught before anything is sent.
  const phone = page.getByPlaceholder('请输入手机号');
  await phone.fill('1380000');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByText('请输入正确的 11 位手机号')).toBeVisible();

  await phone.fill(DEMO.memberPhone);
  const mark = smsMark();
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('button', { name: /\d+ 秒后重发/ })).toBeDisabled();
  await expect.poll(() => readCode(DEMO.memberPhone, mark)).not.toBe('');
  const code = readCode(DEMO.memberPhone, mark);
  await page.getByPlaceholder('请输入验证码').fill(code);
  await shot(page, 'h5-login-filled');
  await page.getByRole('button', { name: '登录', exact: true }).click();

  await expect(page).toHaveURL(/\/h5\/demo\/$/);
  await expect(page.getByRole('heading', { name: merchantName })).toBeVisible();
  for (const entry of ['兑换中心', '礼品卡', '我的卡券', '领券中心']) {
    await expect(page.getByRole('link', { name: new RegExp(entry) })).toBeVisible();
  }
  await shot(page, 'h5-home');

  await page.getByRole('link', { name: /兑换中心/ }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/redeem$/);
  await expect(page.getByRole('textbox', { name: '兑换码' })).toBeVisible();
  await shot(page, 'h5-redeem');
  await page.goBack();
  await expect(page).toHaveURL(/\/h5\/demo\/$/);

  // A store's verification QR shows the real store to a signed-in member.
  const store = await firstStore(request);
  const verify = new URL(store.verifyUrl);
  await page.goto(verify.pathname + verify.search);
  await expect(page.getByText(store.name)).toBeVisible();
  // The vouchers to pick, or (once another spec has used the demo vouchers) a plain empty state.
  await expect(page.getByText(/选择要核销的券|没有可在本店自助核销的券/)).toBeVisible();
  await shot(page, 'h5-verify-store');
  await page.locator('.adm-nav-bar-back').click();
  await expect(page).toHaveURL(/\/h5\/demo\/$/);

  await page.getByText('我的', { exact: true }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/me$/);
  await expect(page.getByTestId('member-phone')).toHaveText('138****0000');
  await shot(page, 'h5-me');

  // The language choice sticks across a reload.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await shot(page, 'h5-me-en');
  await page.getByText('简体中文', { exact: true }).click();

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/login$/);

  // The session is gone: member pages send the member back to sign in.
  await page.goto(`/h5/${DEMO.merchantSlug}/me`);
  await expect(page).toHaveURL(/\/h5\/demo\/login$/);
  expect(pageErrors).toEqual([]);
});

test('an unknown merchant gets a clear page', async ({ page }) => {
  await page.goto('/h5/nope/');
  await expect(page.getByText('商户不存在')).toBeVisible();
  await shot(page, 'h5-unknown-merchant');
});

test('the bare /h5/ address asks for the merchant link', async ({ page }) => {
  await page.goto('/h5/');
  await expect(page.getByText('请通过商户链接访问')).toBeVisible();
  await shot(page, 'h5-no-merchant');
});

test('the store verification QR asks a signed-out visitor to sign in', async ({ page }) => {
  await page.goto(`/h5/${DEMO.merchantSlug}/verify?store=S001`);
  await expect(page.getByText('门店编号：S001')).toBeVisible();
  await expect(page.getByText('登录后即可在本店核销卡券')).toBeVisible();
  await shot(page, 'h5-verify');
});

/** Screenshots wait for toasts to fade so the page itself is what gets looked at. */
async function shot(page: Page, name: string) {
  await expect(page.locator('.adm-toast-mask')).toHaveCount(0, { timeout: 5000 });
  await rawShot(page, name);
}

/** One of the demo merchant's stores, as its owner sees it. */
async function firstStore(request: APIRequestContext): Promise<{ name: string; verifyUrl: string }> {
  const login = await request.post('/api/v1/auth/login', { data: DEMO.owner });
  expect(login.ok()).toBe(true);
  const { token } = await login.json();
  const stores = await request.get('/api/v1/stores', { headers: { Authorization: `Bearer ${token}` } });
  expect(stores.ok()).toBe(true);
  return (await stores.json()).items[0];
}
