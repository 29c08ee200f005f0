import { expect, type Page, test } from '@playwright/test';
import { choose, snap } from './admin-helpers.ts';
import { DEMO } from './helpers.ts';

test.use({ viewport: { width: 1366, height: 860 } });

// A short unique suffix so the tests can run again against the same data directory.
const suffix = Date.now().toString(36).slice(-5);

function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

async function logIn(page: Page, account: { login: string; password: string }) {
  await page.goto('/admin/');
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.getByLabel('账号', { exact: true }).fill(account.login);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

test('the operator creates a merchant and finds it in the list', async ({ page }) => {
  const errors = watchPageErrors(page);
  await page.goto('/admin/');
  await expect(page).toHaveURL(/\/admin\/login/);
  await expect(page.getByText('商户管理后台登录')).toBeVisible();
  await snap(page, 'admin-login');

  // A wrong password is refused with the server's message, in place.
  await page.getByLabel('账号', { exact: true }).fill(DEMO.operator.login);
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/login/);

  await logIn(page, DEMO.operator);
  await expect(page).toHaveURL(/\/admin\/merchants$/);
  await expect(page.getByRole('heading', { name: '商户管理' })).toBeVisible();
  await expect(page.getByRole('menuitem')).toHaveText(['商户管理', '券审核', '操作日志']);
  await expect(page.getByRole('cell', { name: 'demo', exact: true })).toBeVisible();
  await snap(page, 'admin-operator-merchants');

  const name = `测试商户 ${suffix}`;
  const slug = `shop-${suffix}`;
  await page.getByRole('button', { name: '新建商户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建商户' });
  await dialog.getByLabel('商户名称').fill(name);
  await dialog.getByLabel('商户标识').fill(slug);
  await expect(dialog.getByText('Asia/Shanghai')).toBeVisible();
  await dialog.getByLabel('负责人登录账号').fill(`owner-${suffix}@example.com`);
  await dialog.getByLabel('负责人姓名').fill('王店主');
  await dialog.getByLabel('负责人初始密码').fill('short');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog.getByText('密码至少 8 位', { exact: true })).toBeVisible();
  await dialog.getByLabel('负责人初始密码').fill('a-long-password-1');
  await expect(dialog.getByText('密码至少 8 位', { exact: true })).toBeHidden();
  await snap(page, 'admin-operator-merchant-form');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`商户“${name}”已创建`)).toBeVisible();

  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(slug);
  await expect(row).toContainText('正常');
  await snap(page, 'admin-operator-merchant-created');

  // Searching narrows the list to the new merchant.
  await page.getByPlaceholder('搜索商户名称或标识').fill(slug);
  await page.getByPlaceholder('搜索商户名称或标识').press('Enter');
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(row).toBeVisible();
  expect(errors).toEqual([]);
});

test('the owner creates a store and a verifier scoped to it', async ({ page }) => {
  const errors = watchPageErrors(page);
  await logIn(page, DEMO.owner);
  await expect(page).toHaveURL(/\/admin\/overview$/);
  await expect(page.getByRole('menuitem')).toHaveText([
    '概览',
    '商户设置',
    '门店',
    '员工',
    '会员',
    '卡券',
    '券模板',
    '核销台',
    '核销记录',
    '评价',
    '领券活动',
    '兑换码',
    '商品',
    '电子卡密',
    '商品分类',
    '订单',
    '佣金明细',
    '交易设置',
    'API 密钥',
    '操作日志',
  ]);
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  await expect(page.getByText('王店长，欢迎回来')).toBeVisible();
  await expect(page.getByRole('link', { name: '管理门店' })).toBeVisible();
  await snap(page, 'admin-owner-overview');

  const storeName = `人民广场店 ${suffix}`;
  await page.getByRole('menuitem', { name: '门店' }).click();
  await expect(page).toHaveURL(/\/admin\/stores$/);
  await expect(page.getByRole('heading', { name: '门店', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '新建门店' }).first().click();
  const storeDialog = page.getByRole('dialog', { name: '新建门店' });
  await storeDialog.getByLabel('门店名称').fill(storeName);
  await storeDialog.getByLabel('地址').fill('上海市黄浦区人民大道 100 号');
  await storeDialog.getByLabel('电话').fill('021-12345678');
  await snap(page, 'admin-owner-store-form');
  await storeDialog.getByRole('button', { name: '保存' }).click();
  await expect(storeDialog).toBeHidden();
  const storeRow = page.getByRole('row', { name: new RegExp(storeName) });
  await expect(storeRow).toContainText('营业中');
  await snap(page, 'admin-owner-stores');

  // The store's verification QR: a preview with its link, and PNG/SVG downloads.
  await storeRow.getByRole('button', { name: '查看二维码' }).click();
  const qrDialog = page.getByRole('dialog', { name: `${storeName} · 核销二维码` });
  const qrImage = qrDialog.getByRole('img', { name: `${storeName}的核销二维码` });
  await expect(qrImage).toBeVisible();
  await expect.poll(() => qrImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(qrDialog.getByText(/\/h5\/demo\/verify\?store=/)).toBeVisible();
  await snap(page, 'admin-owner-store-qr');
  const download = page.waitForEvent('download');
  await qrDialog.getByRole('link', { name: '下载 SVG' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.svg$/);
  await page.keyboard.press('Escape');
  await expect(qrDialog).toBeHidden();

  const verifierLogin = `verifier-${suffix}@demo.kaquan`;
  await page.getByRole('menuitem', { name: '员工' }).click();
  await expect(page.getByRole('heading', { name: '员工', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/staff$/);
  await page.getByRole('button', { name: '添加员工' }).first().click();
  const staffDialog = page.getByRole('dialog', { name: '添加员工' });
  await staffDialog.getByLabel('登录账号').fill(verifierLogin);
  await staffDialog.getByLabel('姓名').fill('李核销');
  await staffDialog.getByLabel('初始密码').fill('verifier-pass-1');
  await staffDialog.getByRole('radio', { name: '核销员' }).check();
  await staffDialog.getByRole('radio', { name: '指定门店' }).check();
  // The store list can re-render under the click (the stores query answering), which swallows it as
  // it would a person's tap: the store is chosen again until its tag shows in the field.
  const storeField = staffDialog.locator('.ant-form-item', { has: page.getByLabel('门店', { exact: true }) });
  await choose(page, staffDialog.getByLabel('门店', { exact: true }), storeField, storeName);
  await staffDialog.getByText('门店范围').click(); // a click outside closes the store list
  await expect(page.locator('.ant-select-dropdown')).toBeHidden();
  await snap(page, 'admin-owner-verifier-form');
  await staffDialog.getByRole('button', { name: '保存' }).click();
  await expect(staffDialog).toBeHidden();
  const staffRow = page.getByRole('row', { name: new RegExp(verifierLogin) });
  await expect(staffRow).toContainText('核销员');
  await expect(staffRow).toContainText(storeName);
  await expect(staffRow).toContainText('正常');
  await snap(page, 'admin-owner-staff');

  // The new verifier signs in at the verification desk, already set to its only store, and sees only that store.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
  await logIn(page, { login: verifierLogin, password: 'verifier-pass-1' });
  await expect(page).toHaveURL(/\/admin\/verify-desk$/);
  await expect(page.getByRole('menuitem')).toHaveText(['核销台', '核销记录', '门店']);
  await page.getByRole('menuitem', { name: '门店' }).click();
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('row', { name: new RegExp(storeName) })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建门店' })).toHaveCount(0);
  await snap(page, 'admin-verifier-stores');
  await page.getByRole('menuitem', { name: '核销台' }).click();
  await expect(page.getByText(storeName)).toBeVisible();
  await expect(page.getByText('等待核销')).toBeVisible();
  await snap(page, 'admin-verifier-desk');
  expect(errors).toEqual([]);
});

test('the owner adds a member, issues an API key, reads the audit log and switches to English', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await logIn(page, DEMO.owner);
  await expect(page).toHaveURL(/\/admin\/overview$/);

  const phone = `139${Date.now().toString().slice(-8)}`;
  await page.getByRole('menuitem', { name: '会员' }).click();
  await expect(page.getByRole('heading', { name: '会员', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '新建会员' }).first().click();
  const memberDialog = page.getByRole('dialog', { name: '新建会员' });
  await memberDialog.getByLabel('手机号').fill(phone);
  await memberDialog.getByLabel('姓名').fill('张会员');
  await memberDialog.getByRole('button', { name: '保存' }).click();
  await expect(memberDialog).toBeHidden();
  await page.getByPlaceholder('搜索姓名、手机号或外部 ID').fill(phone);
  await page.getByPlaceholder('搜索姓名、手机号或外部 ID').press('Enter');
  await expect(page.getByRole('row', { name: new RegExp(phone) })).toContainText('张会员');
  await snap(page, 'admin-owner-members');

  await page.getByRole('menuitem', { name: 'API 密钥' }).click();
  await expect(page.getByRole('heading', { name: 'API 密钥', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '新建密钥' }).first().click();
  const keyDialog = page.getByRole('dialog', { name: '新建密钥' });
  await keyDialog.getByLabel('名称').fill(`官网商城 ${suffix}`);
  await keyDialog.getByRole('checkbox', { name: /stores:read/ }).check();
  await keyDialog.getByRole('checkbox', { name: /members:read/ }).check();
  await keyDialog.getByRole('button', { name: '创建' }).click();
  const secretDialog = page.getByRole('dialog', { name: '密钥已创建' });
  await expect(secretDialog.getByText('密钥只显示这一次')).toBeVisible();
  await expect(secretDialog.getByTestId('api-key-secret')).toHaveText(/^kqk_/);
  await snap(page, 'admin-owner-api-key-secret');
  await secretDialog.getByRole('button', { name: '我已保存' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`官网商城 ${suffix}`) })).toContainText('从未使用');
  await snap(page, 'admin-owner-api-keys');

  await page.getByRole('menuitem', { name: '操作日志' }).click();
  await expect(page.getByRole('heading', { name: '操作日志' })).toBeVisible();
  const firstEntry = page.locator('.ant-table-row').first();
  await expect(firstEntry).toBeVisible();
  await firstEntry.getByRole('button', { name: /展开行|Expand row/ }).click();
  await expect(page.getByText('变更后')).toBeVisible();
  await snap(page, 'admin-owner-audit');

  // The language choice changes the whole console and survives a reload.
  await page.getByRole('button', { name: '切换语言' }).hover();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('menuitem', { name: 'Stores' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Merchant settings' }).click();
  await expect(page.getByLabel('Time zone')).toBeVisible();
  await snap(page, 'admin-owner-settings-en');
  await page.getByRole('button', { name: 'Language' }).hover();
  await page.getByText('简体中文', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '商户设置' })).toBeVisible();
  expect(errors).toEqual([]);
});
