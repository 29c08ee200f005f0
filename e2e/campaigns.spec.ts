import { expect, test } from '@playwright/test';
import { choose, snap } from './admin-helpers.ts';
import { memberPhone, memberToken, shot as phoneShot } from './h5-helpers.ts';
import { DEMO } from './helpers.ts';

test.use({ viewport: { width: 1366, height: 860 } });

// The owner creates a QR campaign in the console; a member of this spec's own (a session minted
// with an API key, so no SMS code is spent) opens its link on a phone, claims, and finds the
// voucher in the wallet; after the owner pauses the campaign the same link says 活动已结束.
const suffix = Date.now().toString(36).slice(-5);
const NAME = `扫码领咖啡 ${suffix}`;
const COFFEE = '咖啡兑换券';
const MEMBER = { name: '钱七', phone: '13910007001' };

test('a member claims from a campaign link, finds the voucher in the wallet, and a paused campaign has ended', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/admin/');
  await page.getByLabel('账号', { exact: true }).fill(DEMO.owner.login);
  await page.getByLabel('密码', { exact: true }).fill(DEMO.owner.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/overview$/);

  // Create the campaign in the console: once per member, one coffee per claim, 50 in stock.
  await page.getByRole('menuitem', { name: /(^|\s)领券活动$/ }).click();
  await expect(page).toHaveURL(/\/admin\/campaigns$/);
  await page.getByRole('button', { name: '新建活动' }).first().click();
  const drawer = page.getByRole('dialog', { name: '新建活动' });
  await drawer.getByLabel('活动名称').fill(NAME);
  await drawer.getByText('每人限领一次').click();
  const item = drawer.getByTestId('campaign-item');
  await choose(page, item.locator('.ant-select'), item, COFFEE);
  await item.getByRole('spinbutton').nth(1).fill('50');
  await snap(page, 'admin-campaign-create');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer).toBeHidden();
  const row = page.locator('.ant-table-row', { hasText: NAME });
  await expect(row).toContainText('进行中');
  await expect(row).toContainText('剩余 50 / 50');
  await snap(page, 'admin-campaigns');

  // The QR and its link.
  await row.getByRole('button', { name: '二维码' }).click();
  const qr = page.getByRole('dialog', { name: /的二维码/ });
  await expect(qr.getByRole('img', { name: /领取二维码/ })).toHaveJSProperty('complete', true);
  expect(
    await qr.getByRole('img', { name: /领取二维码/ }).evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBe(480);
  const link = (await qr.getByTestId('campaign-link').textContent())!;
  expect(link).toMatch(/\/h5\/demo\/c\/[A-Za-z0-9_-]+$/);
  await snap(page, 'admin-campaign-qr');
  await qr
    .getByRole('button', { name: /关闭|Close/ })
    .first()
    .click();

  // The member opens the link on a phone and claims.
  const token = await memberToken(page.request, request, MEMBER, `领券会话 ${suffix}`);
  const phone = await memberPhone(browser, baseURL!, token);
  const path = new URL(link).pathname;
  await phone.page.goto(path);
  await expect(phone.page.getByRole('heading', { name: NAME })).toBeVisible();
  await expect(phone.page.getByTestId('claim-items')).toContainText(COFFEE);
  await expect(phone.page.getByText('每人限领一次')).toBeVisible();
  await phoneShot(phone.page, 'h5-campaign-claim');
  await phone.page.getByRole('button', { name: '立即领取' }).click();
  await expect(phone.page.getByTestId('claim-granted')).toContainText('领取成功');
  await expect(phone.page.getByTestId('claim-granted')).toContainText('1 张券已放入卡包');
  await phoneShot(phone.page, 'h5-campaign-claimed');
  await phone.page.getByRole('button', { name: '去卡包查看' }).click();
  await expect(phone.page).toHaveURL(/\/h5\/demo\/wallet$/);
  await expect(phone.page.getByText(COFFEE).first()).toBeVisible();
  await phoneShot(phone.page, 'h5-campaign-wallet');

  // Once per member: the page says it and the button answers with the reason.
  await phone.page.goto(path);
  await expect(phone.page.getByText('已领取 1 次')).toBeVisible();
  await phone.page.getByRole('button', { name: '立即领取' }).click();
  await expect(phone.page.getByRole('alert')).toContainText('每人只能领取一次');

  // The stock dialog: raise the stock; the link stays the same.
  await page.reload();
  await expect(row).toContainText('剩余 49 / 50');
  await row.getByRole('button', { name: '库存' }).click();
  const stock = page.getByRole('dialog', { name: /的券品和库存/ });
  await expect(stock.getByText('已领 1 张，库存不能低于此数')).toBeVisible();
  await stock.getByRole('spinbutton').nth(1).fill('60');
  await snap(page, 'admin-campaign-stock');
  await stock.getByRole('button', { name: /保\s*存/ }).click();
  await expect(row).toContainText('剩余 59 / 60');

  // The owner pauses it; the link now says 活动已结束.
  await row.getByRole('button', { name: '暂停' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(row).toContainText('已暂停');
  await phone.page.goto(path);
  await expect(phone.page.getByTestId('claim-closed')).toContainText('活动已结束');
  await phoneShot(phone.page, 'h5-campaign-ended');

  // The records list every scan, refusals included.
  await row.getByRole('button', { name: '领取记录' }).click();
  const records = page.getByRole('dialog', { name: /的领取记录/ });
  await expect(records.locator('.ant-table-row')).toHaveCount(2);
  await expect(records.locator('.ant-table-row').first()).toContainText('已领取过');
  await expect(records.locator('.ant-table-row').nth(1)).toContainText('领取成功');
  await expect(records.locator('.ant-table-row').nth(1)).toContainText(MEMBER.phone);
  await snap(page, 'admin-campaign-records');

  await phone.close();
  expect(errors).toEqual([]);
  expect(phone.errors).toEqual([]);
});
