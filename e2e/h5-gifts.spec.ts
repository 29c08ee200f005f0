import { type APIRequestContext, type Browser, type Cookie, expect, type Page, test } from '@playwright/test';
import { json, readCode, shot, smsMark, watchErrors } from './h5-helpers.ts';
import { DEMO } from './helpers.ts';

// Member pages are built for a phone screen.
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
test.use(PHONE);
test.describe.configure({ mode: 'serial' });

const H5 = `/h5/${DEMO.merchantSlug}`;
const suffix = Date.now().toString(36).slice(-4);
const GIVING_TITLE = `蛋糕券 ${suffix}`;
const PLAIN_TITLE = `饮品券 ${suffix}`;
// The console SMS provider sends one code per phone per minute and the later H5 specs sign in
// 13800000000 and 13800000001: the giver is 王五, and the friend is someone new to the merchant,
// who becomes a member by signing in at the gift link.
const GIVER = '13800000002';
const FRIEND = '13900000077';

let giverCookies: Cookie[] = [];
let friendCookies: Cookie[] = [];

test('王五 gives a voucher: a code and a link; a new member signs in at the link, gets the code wrong once, then receives it', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  const pageErrors = watchErrors(page);
  const plain = await grantVouchers(request);

  await signIn(page, GIVER);
  giverCookies = await page.context().cookies();
  // A voucher that may not be given has no 赠送.
  await page.goto(`${H5}/wallet/${plain}`);
  await expect(page.getByRole('heading', { name: PLAIN_TITLE })).toBeVisible();
  await expect(page.getByRole('button', { name: '赠送', exact: true })).toHaveCount(0);

  await page.goto(`${H5}/wallet`);
  const card = page.getByTestId('voucher-card').filter({ hasText: GIVING_TITLE });
  await expect(card).toHaveCount(2);
  await card.first().click();
  await expect(page.getByRole('heading', { name: GIVING_TITLE })).toBeVisible();
  await expect(page.getByTestId('voucher-state')).toHaveText('未使用');
  await page.getByRole('button', { name: '赠送', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('赠送给好友');
  await expect(dialog).toContainText('24 小时内未领取将自动退回');
  await dialogOpened(page);
  await shot(page, 'h5-gifts-confirm');
  await dialog.getByRole('button', { name: '确认赠送' }).click();

  await expect(page.getByTestId('voucher-state')).toHaveText('赠送中');
  await expect(page.getByTestId('voucher-code')).toHaveCount(0);
  const shownCode = page.getByTestId('gift-code');
  await expect(shownCode).toHaveText(/^\d{3} \d{3}$/);
  const code = ((await shownCode.textContent()) ?? '').replace(' ', '');
  const link = (await page.getByTestId('gift-link').textContent()) ?? '';
  expect(link).toMatch(new RegExp(`^${baseURL}${H5}/gifts/\\d+$`));
  await expect(page.getByTestId('gift-qr')).toBeVisible();
  await expect(page.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 前未领取将自动退回$/)).toBeVisible();
  await expect(page.getByText('请把链接和领取码分开发送')).toBeVisible();
  await expect(page.getByRole('button', { name: '取消赠送' })).toBeVisible();
  await expect(page.getByRole('button', { name: '赠送', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: '复制链接' }).click();
  await expect(page.getByText(/链接已复制|复制失败/)).toBeVisible();
  await shot(page, 'h5-gifts-share');
  const giftedUrl = page.url();

  // Read again later, the voucher page shows the same code and link; the wallet lists it under 赠送中.
  await page.goto(`${H5}/wallet?state=gifting`);
  await expect(page.getByRole('tab', { name: '赠送中', selected: true })).toBeVisible();
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('赠送中');
  await shot(page, 'h5-gifts-wallet-gifting');
  await card.click();
  await expect(page.getByTestId('gift-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  // The giver who opens their own link is told so.
  await page.goto(new URL(link).pathname);
  await expect(page.getByText('这是你赠送的券')).toBeVisible();

  // The friend opens the link, signs in, and comes back to the gift.
  const friend = await phonePage(browser, baseURL!);
  const friendErrors = watchErrors(friend);
  await friend.goto(new URL(link).pathname);
  await expect(friend).toHaveURL(/\/h5\/demo\/login$/);
  await signInHere(friend, FRIEND);
  await expect(friend).toHaveURL(new RegExp(`${new URL(link).pathname}$`));
  friendCookies = await friend.context().cookies();
  const summary = friend.getByTestId('gift-summary');
  await expect(summary).toContainText(GIVING_TITLE);
  await expect(summary).toContainText('兑换券');
  await expect(summary).toContainText('来自 138****0002 的赠送');
  await expect(summary).toContainText(/有效期 \d{4}-\d{2}-\d{2} ~ \d{4}-\d{2}-\d{2}/);
  await expect(friend.getByRole('button', { name: '领取', exact: true })).toBeDisabled();
  await shot(friend, 'h5-gifts-receive');

  const wrong = code === '000000' ? '111111' : '000000';
  await typeCode(friend, wrong);
  await friend.getByRole('button', { name: '领取', exact: true }).click();
  await expect(friend.getByRole('alert')).toHaveText('领取码错误，还可尝试 4 次');
  await shot(friend, 'h5-gifts-wrong-code');

  await typeCode(friend, code);
  await expect(friend.getByRole('alert')).toHaveCount(0);
  await friend.getByRole('button', { name: '领取', exact: true }).click();
  const done = friend.getByTestId('gift-accepted');
  await expect(done).toContainText('领取成功');
  await expect(done).toContainText(`「${GIVING_TITLE}」已放入你的卡券包`);
  await shot(friend, 'h5-gifts-received');
  await done.getByRole('button', { name: '去我的卡券' }).click();
  await expect(friend).toHaveURL(/\/h5\/demo\/wallet$/);
  const friendCard = friend.getByTestId('voucher-card').filter({ hasText: GIVING_TITLE });
  await expect(friendCard).toHaveCount(1);
  await friendCard.click();
  await expect(friend.getByTestId('voucher-state')).toHaveText('未使用');
  await expect(friend.getByTestId('voucher-code')).toHaveText(/^\d{4} \d{4} \d{4}$/);
  await expect(friend.getByRole('button', { name: '赠送', exact: true })).toBeVisible();
  await shot(friend, 'h5-gifts-friend-voucher');
  await friend.context().close();

  // The giver no longer has it: one voucher of that template is left, nothing is being given.
  await page.goto(`${H5}/wallet`);
  await expect(card).toHaveCount(1);
  await page.getByRole('tab', { name: '赠送中' }).click();
  await expect(page.getByText('没有赠送中的券')).toBeVisible();
  await page.goto(giftedUrl);
  // The voucher page asks a few times before it settles on 404.
  await expect(page.getByText('没有找到这张券')).toBeVisible({ timeout: 20_000 });
  expect(pageErrors).toEqual([]);
  expect(friendErrors).toEqual([]);
});

test('王五 takes a gift back: the voucher is usable again, and the link says the gift was cancelled', async ({
  page,
  browser,
  baseURL,
}) => {
  const pageErrors = watchErrors(page);
  await page.context().addCookies(giverCookies);
  await page.goto(`${H5}/wallet`);
  await page.getByTestId('voucher-card').filter({ hasText: GIVING_TITLE }).click();
  await page.getByRole('button', { name: '赠送', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认赠送' }).click();
  await expect(page.getByTestId('voucher-state')).toHaveText('赠送中');
  const link = (await page.getByTestId('gift-link').textContent()) ?? '';

  await page.getByRole('button', { name: '取消赠送' }).click();
  await expect(page.getByRole('dialog')).toContainText('取消后券将退回你的卡券包');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已取消赠送，券已退回')).toBeVisible();
  await expect(page.getByTestId('voucher-state')).toHaveText('未使用');
  await expect(page.getByTestId('voucher-code')).toHaveText(/^\d{4} \d{4} \d{4}$/);
  await expect(page.getByTestId('gift-share')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '赠送', exact: true })).toBeVisible();
  await shot(page, 'h5-gifts-cancelled-giver');

  const friend = await phonePage(browser, baseURL!);
  const friendErrors = watchErrors(friend);
  await friend.context().addCookies(friendCookies);
  await friend.goto(new URL(link).pathname);
  await expect(friend.getByTestId('gift-closed')).toContainText('赠送已取消');
  await expect(friend.getByRole('button', { name: '领取', exact: true })).toHaveCount(0);
  await shot(friend, 'h5-gifts-cancelled-link');
  await friend.context().close();
  expect(pageErrors).toEqual([]);
  expect(friendErrors).toEqual([]);
});

/** A dialog's opening animation has finished (its box and mask are fully drawn). */
async function dialogOpened(page: Page) {
  const opacity = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => getComputedStyle(el).opacity);
  await expect.poll(() => opacity('.adm-center-popup-wrap')).toBe('1');
  await expect.poll(() => opacity('.adm-mask')).toBe('1');
}

async function typeCode(page: Page, code: string) {
  await page.getByRole('button', { name: '领取码输入框' }).click();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(code);
}

/**
 * Two templates made and approved through the API (one that may be given, one that may not), and
 * vouchers of them granted to 王五 by the owner.
 */
async function grantVouchers(request: APIRequestContext) {
  const bearer = async (account: { login: string; password: string }) => {
    const { token } = await json<{ token: string }>(
      await request.post('/api/v1/auth/login', { data: account }),
    );
    return { Authorization: `Bearer ${token}` };
  };
  const owner = await bearer(DEMO.owner);
  const operator = await bearer(DEMO.operator);
  const template = async (title: string, isGiving: boolean) => {
    const made = await json<{ id: number }>(
      await request.post('/api/v1/voucher-templates', {
        headers: owner,
        data: {
          kind: 'exchange',
          title,
          merchantName: '卡券演示商户',
          conditions: '到店出示券码兑换一份。',
          goodsName: '芝士蛋糕',
          goodsQuantity: 1,
          validity: { kind: 'relative', days: 30 },
          stores: { all: true },
          servicePhone: '021-60000000',
          isGiving,
        },
      }),
    );
    await json(
      await request.post(`/api/v1/review/voucher-templates/${made.id}/approve`, { headers: operator }),
    );
    return made.id;
  };
  const givingTemplate = await template(GIVING_TITLE, true);
  const plainTemplate = await template(PLAIN_TITLE, false);
  const members = await json<{ items: { id: number }[] }>(
    await request.get(`/api/v1/members?q=${GIVER}`, { headers: owner }),
  );
  const grant = async (templateId: number, count: number) =>
    json<{ id: number }[]>(
      await request.post('/api/v1/vouchers/grants', {
        headers: owner,
        data: { templateId, memberId: members.items[0].id, count },
      }),
    );
  await grant(givingTemplate, 2);
  const [other] = await grant(plainTemplate, 1);
  return other.id;
}

async function phonePage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, baseURL, locale: 'zh-CN' });
  return context.newPage();
}

/** Signs a member in on the sign-in page; they land on the home page. */
async function signIn(page: Page, phone: string) {
  await page.goto(`${H5}/login`);
  await signInHere(page, phone);
  await expect(page).toHaveURL(/\/h5\/demo\/$/);
}

/** Fills the sign-in page already open with the code the console SMS provider wrote. */
async function signInHere(page: Page, phone: string) {
  await page.getByPlaceholder('请输入手机号').fill(phone);
  const mark = smsMark();
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect.poll(() => readCode(phone, mark)).not.toBe('');
  await page.getByPlaceholder('请输入验证码').fill(readCode(phone, mark));
  await page.getByRole('button', { name: '登录', exact: true }).click();
}
