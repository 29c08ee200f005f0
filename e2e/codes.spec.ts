import { expect, test } from '@playwright/test';
import { chooseIn, pick, snap } from './admin-helpers.ts';
import { json, memberPhone, memberToken, shot as phoneShot } from './h5-helpers.ts';
import { DEMO } from './helpers.ts';

test.use({ viewport: { width: 1366, height: 860 } });

// The owner creates a code library in the console and generates a batch, watching the progress
// bar fill; a member of this spec's own (a session minted with an API key, so no SMS code is
// spent) enters one of the codes in the redemption center on a phone, redeems it online with an
// address, and lands on the zero-price order.
const suffix = Date.now().toString(36).slice(-5);
const LIBRARY = `新春礼品卡 ${suffix}`;
const RENAMED = `企业礼品卡 ${suffix}`;
const COFFEE = '咖啡兑换券';
const CUP = '定制保温杯';
const MEMBER = { name: '孙八', phone: '13910005001' };

test('the owner generates a batch with a progress bar; a member redeems a code online and sees the zero-price order', async ({
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
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '兑换码' }).click();
  await expect(page.getByRole('heading', { name: '兑换码' })).toBeVisible();

  // A library: letters and digits without look-alikes, the coffee template, one cup per code.
  await page.getByRole('button', { name: '新建码库' }).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('码库名称').fill(LIBRARY);
  await modal.getByText('12 位字母+数字（去除易混字符）').click();
  await chooseIn(page, modal, '兑换券模板', COFFEE);
  await modal.locator('.ant-select', { hasText: '选择商品' }).click();
  await pick(page, CUP);
  await snap(page, 'admin-codes-library-new');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  const row = page.getByRole('row', { name: new RegExp(LIBRARY) });
  await expect(row).toContainText('12 位字母+数字（去除易混字符）');

  // Generate 20,000 codes and watch the bar reach the end.
  await row.getByRole('button', { name: /生\s*成/ }).click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByLabel('生成数量').fill('20000');
  await dialog.getByRole('button', { name: '开始生成' }).click();
  await expect(dialog.getByTestId('batch-progress').locator('.ant-progress')).toBeVisible();
  await expect(dialog.getByTestId('batch-status')).toContainText('已完成', { timeout: 30_000 });
  await expect(dialog.getByTestId('batch-status')).toContainText('20,000 / 20,000');
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await snap(page, 'admin-codes-generated');
  await dialog.getByTestId('batch-progress').getByRole('button', { name: '关闭' }).click();

  await page.getByRole('tab', { name: '生成批次' }).click();
  const batchRow = page
    .getByRole('tabpanel', { name: '生成批次' })
    .getByRole('row', { name: new RegExp(LIBRARY) });
  await expect(batchRow).toContainText('已完成');
  await snap(page, 'admin-codes-batches');

  await page.getByRole('tab', { name: '兑换码' }).click();
  await expect(
    page.getByRole('tabpanel', { name: '兑换码' }).locator('.ant-table-row').first(),
  ).toContainText('••••••••');
  await snap(page, 'admin-codes-list');

  await page.getByRole('tab', { name: '兑换中心设置' }).click();
  await expect(page.getByTestId('link-redeem')).toContainText('/h5/demo/redeem');
  await snap(page, 'admin-codes-settings');

  // One code of the batch, as the printed card would carry it (from the owner's export).
  const batches = await json<{ id: number; libraryId: number }[]>(
    await page.request.get('/api/v1/codes/batches'),
  );
  const libraries = await json<{ id: number; name: string }[]>(
    await page.request.get('/api/v1/codes/libraries'),
  );
  const libraryId = libraries.find((l) => l.name === LIBRARY)!.id;
  const batchId = batches.find((b) => b.libraryId === libraryId)!.id;
  const csv = await (await page.request.get(`/api/v1/codes/batches/${batchId}/export?format=csv`)).text();
  const lines = csv
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(20_001);
  const code = lines[1]!.split(',')[1]!;
  expect(code).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);

  const token = await memberToken(page.request, request, MEMBER, `兑换会话 ${suffix}`);
  const phone = await memberPhone(browser, baseURL!, token);
  const m = phone.page;
  await m.goto('/h5/demo/redeem');
  await m.getByRole('textbox', { name: '兑换码' }).fill(code);
  await phoneShot(m, 'h5-redeem-enter');
  await m.getByRole('button', { name: '查询兑换码' }).click();
  await expect(m.getByText(COFFEE)).toBeVisible();
  await expect(m.getByText(`${CUP} × 1`)).toBeVisible();
  await m.getByLabel('姓名').fill(MEMBER.name);
  await m.getByLabel('手机号').fill(MEMBER.phone);
  await m.getByLabel('地区').fill('上海市 黄浦区');
  await m.getByLabel('详细地址').fill('人民大道 200 号');
  await phoneShot(m, 'h5-redeem-reward');
  await m.getByRole('button', { name: '线上兑换，快递到家' }).click();
  await expect(m).toHaveURL(/\/h5\/demo\/orders\/\d+$/);
  await expect(m.getByText(CUP).first()).toBeVisible();
  await expect(m.getByText('¥0.00').first()).toBeVisible();
  await phoneShot(m, 'h5-redeem-order');

  // The same code again is refused; my codes lists it as redeemed.
  await m.goto(`/h5/demo/redeem?code=${code}`);
  await m.getByRole('button', { name: '查询兑换码' }).click();
  await expect(m.getByTestId('redeem-error')).toContainText('该兑换码已被兑换');
  await m.goto('/h5/demo/my-codes');
  await expect(m.getByTestId('my-code')).toHaveText(code);
  await expect(m.getByText('已兑换', { exact: true })).toBeVisible();
  await phoneShot(m, 'h5-my-codes');
  await m.goto('/h5/demo/gift-cards');
  await expect(m.getByText('购买后每张礼品卡对应一个兑换码')).toBeVisible();
  await phoneShot(m, 'h5-gift-cards');
  expect(phone.errors).toEqual([]);
  await phone.close();

  // The console shows the code as redeemed online.
  await page.getByRole('tab', { name: '兑换码' }).click();
  await page.getByPlaceholder('输入完整兑换码查找').fill(code);
  await page.getByPlaceholder('输入完整兑换码查找').press('Enter');
  await expect(page.getByRole('tabpanel', { name: '兑换码' }).locator('.ant-table-row')).toHaveCount(1);
  await expect(
    page.getByRole('tabpanel', { name: '兑换码' }).locator('.ant-table-row').first(),
  ).toContainText('已兑换');
  await expect(
    page.getByRole('tabpanel', { name: '兑换码' }).locator('.ant-table-row').first(),
  ).toContainText('线上兑换');
  await snap(page, 'admin-codes-found');

  // The owner renames the library; its format is shown but stays as the codes were made.
  await page.getByRole('tab', { name: '码库', exact: true }).click();
  await page
    .getByRole('row', { name: new RegExp(LIBRARY) })
    .getByRole('button', { name: '编辑' })
    .click();
  const edit = page.locator('.ant-modal:visible');
  await expect(edit.getByLabel('码库名称')).toHaveValue(LIBRARY);
  await expect(edit.getByRole('radio', { name: '12 位字母+数字（去除易混字符）' })).toBeChecked();
  await expect(edit.getByRole('radio', { name: '12 位纯数字' })).toBeDisabled();
  await edit.getByLabel('码库名称').fill(RENAMED);
  await snap(page, 'admin-codes-library-edit');
  await edit.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('码库已保存')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(RENAMED) })).toContainText(
    '12 位字母+数字（去除易混字符）',
  );
  await expect(page.getByRole('row', { name: new RegExp(LIBRARY) })).toHaveCount(0);
  await snap(page, 'admin-codes-library-renamed');
  expect(errors).toEqual([]);
});
