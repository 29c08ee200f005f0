import { type APIRequestContext, type Browser, type Cookie, expect, type Page, test } from '@playwright/test';
import { readCode, shot, smsMark, watchErrors } from './h5-helpers.ts';
import { DEMO } from './helpers.ts';

// Member and staff pages are built for a phone screen.
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
test.use(PHONE);
test.describe.configure({ mode: 'serial' });

const H5 = `/h5/${DEMO.merchantSlug}`;
const COFFEE = '咖啡兑换券';
const STORE = '人民广场店';
let smsSentAt = 0;
let memberCookies: Cookie[] = [];
let usedCode = '';

// The console SMS provider sends one code per phone per minute and the next spec signs the demo
// member in again: the member signs in once here, and the phone is left able to receive a code.
test.afterAll(async () => {
  const wait = Math.max(0, smsSentAt + 61_000 - Date.now());
  test.setTimeout(wait + 10_000);
  await new Promise((resolve) => setTimeout(resolve, wait));
});

test('a member shows a voucher code, the verifier verifies it on /h5/staff, and it moves to 已使用', async ({
  page,
  browser,
  baseURL,
}) => {
  const pageErrors = watchErrors(page);
  await signIn(page, DEMO.memberPhone);
  memberCookies = await page.context().cookies();

  await page.getByRole('link', { name: /我的卡券/ }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/wallet$/);
  await expect(page.getByRole('tab', { name: '未使用', selected: true })).toBeVisible();
  const cards = page.getByTestId('voucher-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText(COFFEE);
  await expect(cards.first()).toContainText('兑换券');
  await expect(cards.first()).toContainText(/有效期 \d{4}-\d{2}-\d{2} ~ \d{4}-\d{2}-\d{2}/);
  await shot(page, 'h5-vouchers-wallet');

  await cards.first().click();
  await expect(page).toHaveURL(/\/h5\/demo\/wallet\/\d+$/);
  await expect(page.getByRole('heading', { name: COFFEE })).toBeVisible();
  await expect(page.getByTestId('voucher-state')).toHaveText('未使用');
  await expect(page.getByTestId('voucher-qr')).toBeVisible();
  const shown = (await page.getByTestId('voucher-code').textContent()) ?? '';
  expect(shown).toMatch(/^\d{4} \d{4} \d{4}$/);
  const code = shown.replaceAll(' ', '');
  await expect(page.getByRole('button', { name: '到店自助核销' })).toBeVisible();
  await shot(page, 'h5-vouchers-detail');

  const staff = await staffPage(browser, baseURL!);
  await shot(staff, 'h5-vouchers-staff-login');
  await staff.getByPlaceholder('邮箱或登录名').fill(DEMO.verifier.login);
  await staff.getByPlaceholder('请输入密码').fill(DEMO.verifier.password);
  await staff.getByRole('button', { name: '登录' }).click();
  await staff.getByTestId('staff-store').click();
  await staff.locator('.adm-action-sheet').getByText(STORE, { exact: true }).click();
  await expect(staff.getByTestId('staff-store')).toContainText(STORE);
  // The admin specs may already have verified 王五's vouchers at this store today.
  const records = staff.getByTestId('staff-record');
  await expect(staff.getByText('今天还没有核销记录').or(records.first())).toBeVisible();
  const recordsBefore = await records.count();
  await shot(staff, 'h5-vouchers-staff-desk');

  // A scanner types the digits and presses Enter, as a person at the keyboard would.
  const input = staff.getByLabel('券码');
  await expect(input).toBeFocused();
  await input.pressSequentially(code);
  await expect(input).toHaveValue(shown);
  await input.press('Enter');
  const result = staff.getByTestId('staff-result');
  await expect(result).toContainText('核销成功');
  await expect(result).toContainText(COFFEE);
  await expect(result).toContainText(STORE);
  await expect(result).toContainText(code.slice(-4));
  await shot(staff, 'h5-vouchers-staff-success');

  // 撤销 puts the voucher back; the code then verifies again.
  await result.getByRole('button', { name: '撤销' }).click();
  await staff.getByRole('button', { name: '确定' }).click();
  await expect(result).toContainText('已撤销');
  await result.getByRole('button', { name: '继续核销' }).click();
  await input.fill(code);
  await staff.getByRole('button', { name: '核销', exact: true }).click();
  await expect(result).toContainText('核销成功');
  await result.getByRole('button', { name: '继续核销' }).click();
  await expect(records).toHaveCount(recordsBefore + 2);
  await expect(records.first()).toContainText(COFFEE);
  await expect(records.first().getByRole('button', { name: '撤销' })).toBeVisible();
  await expect(records.nth(1)).toContainText('已撤销');
  await shot(staff, 'h5-vouchers-staff-records');
  await staff.context().close();
  usedCode = code;

  await page.goto(`${H5}/wallet`);
  await expect(cards).toHaveCount(1);
  await page.getByRole('tab', { name: '已使用' }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(COFFEE);
  await expect(cards.first()).toContainText('已使用');
  await expect(cards.first()).toContainText(/使用于 \d{4}-/);
  await shot(page, 'h5-vouchers-wallet-used');
  await cards.first().click();
  await expect(page.getByTestId('voucher-state')).toHaveText('已使用');
  await expect(page.getByRole('button', { name: '到店自助核销' })).toHaveCount(0);
  await leaveEvaluation(page);
  await page.goto(`${H5}/wallet?state=expired`);
  await expect(page.getByText('没有过期的券')).toBeVisible();
  await shot(page, 'h5-vouchers-wallet-expired-empty');
  expect(pageErrors).toEqual([]);
});

test('a member self-verifies the other voucher at the store QR, and staff are told a used code is used', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  const pageErrors = watchErrors(page);
  await page.context().addCookies(memberCookies);
  const storeUrl = await storeVerifyUrl(request, STORE);

  // From the voucher page, a link that is no store QR of this merchant is refused in the server's words.
  await page.goto(`${H5}/wallet`);
  await page.getByTestId('voucher-card').first().click();
  await page.getByRole('button', { name: '到店自助核销' }).click();
  await page.getByLabel('门店二维码链接').fill('https://example.com/not-a-store');
  await page.getByRole('button', { name: '确认核销' }).click();
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await shot(page, 'h5-vouchers-self-verify-error');
  await page.getByRole('button', { name: '取消' }).click();

  const url = new URL(storeUrl);
  await page.goto(url.pathname + url.search);
  await expect(page.getByTestId('verify-store')).toContainText(STORE);
  const choices = page.getByTestId('verify-voucher');
  await expect(choices).toHaveCount(1);
  await expect(choices).toContainText(COFFEE);
  await shot(page, 'h5-vouchers-verify-pick');
  await page.getByRole('button', { name: '确认核销' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  const done = page.getByTestId('self-verify-result');
  await expect(done).toContainText('核销成功');
  await expect(done).toContainText(STORE);
  await shot(page, 'h5-vouchers-verify-done');
  await page.getByRole('button', { name: '完成' }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/wallet$/);
  await expect(page.getByText('暂无可用的券')).toBeVisible();
  await shot(page, 'h5-vouchers-wallet-empty');
  await page.goto(url.pathname + url.search);
  await expect(page.getByText('没有可在本店自助核销的券')).toBeVisible();

  const staff = await staffPage(browser, baseURL!);
  await staff.getByPlaceholder('邮箱或登录名').fill(DEMO.verifier.login);
  await staff.getByPlaceholder('请输入密码').fill(DEMO.verifier.password);
  await staff.getByRole('button', { name: '登录' }).click();
  // The store chosen in the first test is remembered only per browser; a single store is preselected.
  await expect(staff.getByTestId('staff-store')).toContainText(STORE);
  await expect(staff.getByTestId('staff-record').first()).toContainText('会员自助');
  const input = staff.getByLabel('券码');
  await input.fill(usedCode);
  await input.press('Enter');
  const result = staff.getByTestId('staff-result');
  await expect(result).toContainText('核销失败');
  await expect(result).toContainText('该券已核销');
  await shot(staff, 'h5-vouchers-staff-fail');
  await result.getByRole('button', { name: '重新输入' }).click();
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('');
  await staff.context().close();
  expect(pageErrors).toEqual([]);
});

/**
 * On the used voucher's page the member gives 4 stars and a few words; the page then shows them in
 * place of 评价. A second tab opened before that cannot evaluate again: it shows the server's refusal.
 */
async function leaveEvaluation(page: Page) {
  const words = '咖啡很香，店员很热情。';
  const entry = page.getByRole('button', { name: '评价', exact: true });
  await expect(page.getByText('这次消费体验如何？')).toBeVisible();
  const twin = await page.context().newPage();
  const twinErrors = watchErrors(twin);
  await twin.goto(page.url());
  await twin.getByRole('button', { name: '评价', exact: true }).click();

  // Only the tab in front runs its animations.
  await page.bringToFront();
  await entry.click();
  const submit = page.getByRole('button', { name: '提交评价' });
  await expect(submit).toBeDisabled();
  await page.getByRole('radiogroup', { name: '评分' }).getByRole('radio', { name: '4' }).tap();
  await expect(page.getByTestId('evaluation-score-label')).toHaveText('满意');
  await page.getByLabel('评价内容').fill(words);
  await expect(page.locator('.adm-text-area-count')).toHaveText(`${words.length}/500`);
  await shot(page, 'h5-vouchers-evaluation-form');
  await submit.click();
  await expect(page.getByTestId('evaluation-result')).toContainText('评价成功');
  await shot(page, 'h5-vouchers-evaluation-done');
  await page.getByRole('button', { name: '完成' }).click();
  await expect(page.locator('.kq-evaluation-popup')).toBeHidden();
  const mine = page.getByTestId('my-evaluation');
  await expect(mine).toContainText('我的评价');
  await expect(mine).toContainText(words);
  await expect(mine).toContainText('满意');
  await expect(mine.getByRole('radio', { checked: true })).toHaveCount(4);
  await expect(entry).toHaveCount(0);
  await shot(page, 'h5-vouchers-evaluated');

  await twin.bringToFront();
  await twin.getByRole('radiogroup', { name: '评分' }).getByRole('radio', { name: '1' }).tap();
  await twin.getByRole('button', { name: '提交评价' }).click();
  await expect(twin.getByRole('alert')).toHaveText('该券已评价');
  await shot(twin, 'h5-vouchers-evaluation-twice');
  await twin.getByRole('button', { name: '取消' }).click();
  await expect(twin.locator('.kq-evaluation-popup')).toBeHidden();
  await expect(twin.getByTestId('my-evaluation')).toContainText(words);
  await expect(twin.getByRole('button', { name: '评价', exact: true })).toHaveCount(0);
  await twin.close();
  expect(twinErrors).toEqual([]);
  await page.bringToFront();

  await page.reload();
  await expect(mine).toContainText(words);
  await expect(entry).toHaveCount(0);
}

/** A second phone, the counter's, with its own cookies. */
async function staffPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, baseURL, locale: 'zh-CN' });
  const staff = await context.newPage();
  watchErrors(staff);
  await staff.goto('/h5/staff');
  await expect(staff.getByRole('heading', { name: '核销台' })).toBeVisible();
  return staff;
}

/** The store's verification QR URL, as its owner sees it in the admin console. */
async function storeVerifyUrl(request: APIRequestContext, name: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: DEMO.owner });
  expect(login.ok()).toBe(true);
  const { token } = await login.json();
  const stores = await request.get('/api/v1/stores', { headers: { Authorization: `Bearer ${token}` } });
  expect(stores.ok()).toBe(true);
  const items: { name: string; verifyUrl: string }[] = (await stores.json()).items;
  const store = items.find((s) => s.name === name);
  expect(store).toBeTruthy();
  return store!.verifyUrl;
}

/** Signs a member in on the login page with the code the console SMS provider wrote. */
async function signIn(page: Page, phone: string) {
  await page.goto(`${H5}/login`);
  await page.getByPlaceholder('请输入手机号').fill(phone);
  const mark = smsMark();
  await page.getByRole('button', { name: '获取验证码' }).click();
  smsSentAt = Date.now();
  await expect.poll(() => readCode(phone, mark)).not.toBe('');
  await page.getByPlaceholder('请输入验证码').fill(readCode(phone, mark));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/$/);
}
