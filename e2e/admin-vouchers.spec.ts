import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { choose, chooseIn, snap } from './admin-helpers.ts';
import { DEMO } from './helpers.ts';

test.use({ viewport: { width: 1366, height: 860 } });
test.describe.configure({ mode: 'serial' });

// A short unique suffix so the tests can run again against the same data directory.
const suffix = Date.now().toString(36).slice(-5);

// The H5 specs verify the two demo vouchers of 13800000000; these tests grant their own to 王五.
const SPARE_MEMBER = '13800000002';
const DEMO_STORE = '人民广场店';

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

/** A side-menu entry by its whole label (its accessible name also holds the icon's). */
function menu(page: Page, label: string) {
  return page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${label}$`) });
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/**
 * A full code of one of 王五's unused vouchers, read the way a merchant's own app would: an API key
 * with `members:sessions` mints a member session, which reads the wallet.
 */
async function walletCode(page: Page, request: APIRequestContext, templateId: number): Promise<string> {
  const { secret } = await json<{ secret: string }>(
    await page.request.post('/api/v1/api-keys', {
      data: { name: `会员会话 ${suffix}`, scopes: ['members:sessions'] },
    }),
  );
  const members = await json<{ items: { id: number }[] }>(
    await page.request.get(`/api/v1/members?q=${SPARE_MEMBER}`),
  );
  const { token } = await json<{ token: string }>(
    await request.post(`/api/v1/members/${members.items[0].id}/sessions`, {
      headers: { Authorization: `Bearer ${secret}` },
      data: {},
    }),
  );
  const wallet = await json<{ items: { templateId: number; code: string }[] }>(
    await request.get('/api/v1/wallet/vouchers?state=unused&pageSize=100', {
      headers: { Authorization: `Bearer ${token}` },
    }),
  );
  const voucher = wallet.items.find((v) => v.templateId === templateId);
  expect(voucher?.code).toMatch(/^\d{12}$/);
  return voucher!.code;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real RGB PNG: a left-to-right blend of two colours, or noise (which does not compress). */
function png(width: number, height: number, from: number[], to: number[], noise = false): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = 1 + width * 3;
  const raw = noise ? randomBytes(row * height) : Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width && !noise; x++) {
      const mix = (i: number) => Math.round(from[i] + ((to[i] - from[i]) * x) / width);
      raw.set([mix(0), mix(1), mix(2)], y * row + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Image files to pick in the upload controls, written to a fresh temp directory. */
function imageFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'kaquan-e2e-images-'));
  const write = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  return {
    card: write('card.png', png(686, 176, [212, 56, 13], [250, 173, 20])),
    logo: write('logo.png', png(132, 132, [29, 57, 196], [89, 126, 247])),
    tooBig: write('photo.png', png(620, 600, [0, 0, 0], [0, 0, 0], true)),
    // A GIF named .png: judged by its bytes, it is refused.
    gif: write('renamed.png', Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(64)])),
  };
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
}

const templateTitle = `美式咖啡券 ${suffix}`;
let code = '';

test('the owner submits a template, the operator rejects it, then approves the corrected one', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await logIn(page, DEMO.owner);
  await expect(page).toHaveURL(/\/admin\/overview$/);
  for (const entry of ['卡券', '券模板', '核销台', '核销记录']) await expect(menu(page, entry)).toBeVisible();

  await menu(page, '券模板').click();
  await expect(page.getByRole('heading', { name: '券模板' })).toBeVisible();
  await expect(page.getByRole('row', { name: /咖啡兑换券/ })).toContainText('已通过');
  await page.getByRole('button', { name: '新建券模板' }).first().click();
  const drawer = page.getByRole('dialog', { name: '新建券模板' });
  await drawer.getByLabel('券标题').fill(templateTitle);
  await drawer.getByLabel('商户名称').fill('卡券演示商户');
  await drawer.getByLabel('商品名称').fill('美式咖啡');
  await drawer.getByLabel('使用条件').fill('到店出示券码兑换美式咖啡一杯，全网最低价。');
  await drawer.getByLabel('周日').uncheck();
  await drawer.getByLabel('每人限领').fill('1');
  await drawer.getByLabel('可转赠').click();
  await drawer.getByLabel('客服电话').fill('021-60000000');
  await drawer.getByLabel('领取须知').fill('每次限用一张');
  const preview = drawer.getByLabel('会员看到的样子');

  await expect(preview).toContainText(templateTitle);
  await expect(preview).toContainText('美式咖啡 ×1');
  await expect(preview).toContainText('周一 周二 周三 周四 周五 周六');
  await expect(preview).toContainText('每人限领 1 张');

  // Images are uploaded; the server's refusals show under the control.
  const files = imageFiles();
  const imageField = drawer.locator('.ant-form-item', { has: page.getByLabel('券图片', { exact: true }) });
  const logoField = drawer.locator('.ant-form-item', { has: page.getByLabel('商户 Logo', { exact: true }) });
  await drawer.getByLabel('券图片', { exact: true }).setInputFiles(files.tooBig);
  await expect(imageField.getByRole('alert')).toHaveText('上传失败：图片不能超过 1 MB');
  await drawer.getByLabel('商户 Logo', { exact: true }).setInputFiles(files.gif);
  await expect(logoField.getByRole('alert')).toHaveText('上传失败：只能上传 jpg、jpeg 或 png 格式的图片');
  await drawer.getByLabel('商户 Logo', { exact: true }).setInputFiles(files.card);
  await expect(logoField.getByRole('alert')).toContainText('Logo 需接近正方形');
  await imageField.scrollIntoViewIfNeeded();
  await snap(page, 'admin-vouchers-template-upload-error');
  await drawer.getByLabel('券图片', { exact: true }).setInputFiles(files.card);
  await drawer.getByLabel('商户 Logo', { exact: true }).setInputFiles(files.logo);
  await expect(imageField.getByRole('alert')).toHaveCount(0);
  await expect(logoField.getByRole('alert')).toHaveCount(0);
  await expect(logoField.getByRole('button', { name: '更换' })).toBeVisible();
  const previewImages = preview.locator('img[src^="/media/"]');
  await expect(previewImages).toHaveCount(2);
  for (const img of await previewImages.all()) {
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBeGreaterThan(0);
  }
  await imageField.scrollIntoViewIfNeeded();
  await snap(page, 'admin-vouchers-template-form');
  await drawer.getByRole('button', { name: '提交审核' }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByText(`券模板“${templateTitle}”已提交审核`)).toBeVisible();
  const ownRow = page.getByRole('row', { name: new RegExp(templateTitle) });
  await expect(ownRow).toContainText('待审核');
  await snap(page, 'admin-vouchers-templates');

  // The operator sees the pre-check's flag and rejects with a reason.
  await logOut(page);
  await logIn(page, DEMO.operator);
  await menu(page, '券审核').click();
  await expect(page.getByRole('heading', { name: '券审核' })).toBeVisible();
  const reviewRow = page.getByRole('row', { name: new RegExp(templateTitle) });
  await expect(reviewRow).toContainText('绝对化用语');
  await expect(reviewRow).toContainText('卡券演示商户');
  await reviewRow.getByRole('button', { name: '展开行' }).click();
  await expect(page.getByLabel('会员看到的样子')).toContainText('全网最低价');
  await expect(page.getByLabel('会员看到的样子').locator('img[src^="/media/"]')).toHaveCount(2);
  await snap(page, 'admin-vouchers-review');
  await reviewRow.getByRole('button', { name: '驳回' }).click();
  const rejectDialog = page.getByRole('dialog', { name: `驳回“${templateTitle}”` });
  await rejectDialog.getByRole('button', { name: '驳回' }).click();
  await expect(rejectDialog.getByText('请填写驳回原因')).toBeVisible();
  await rejectDialog.getByLabel('驳回原因').fill('请去掉“全网最低价”这类绝对化用语。');
  await rejectDialog.getByRole('button', { name: '驳回' }).click();
  await expect(rejectDialog).toBeHidden();
  await expect(reviewRow).toHaveCount(0);

  // The owner reads the reason, corrects the text, and the template goes back to review.
  await logOut(page);
  await logIn(page, DEMO.owner);
  await menu(page, '券模板').click();
  await expect(ownRow).toContainText('已驳回');
  await expect(ownRow).toContainText('驳回原因：请去掉“全网最低价”这类绝对化用语。');
  await snap(page, 'admin-vouchers-template-rejected');
  await ownRow.getByRole('button', { name: '编辑' }).click();
  const editDrawer = page.getByRole('dialog', { name: `编辑券模板 · ${templateTitle}` });
  await expect(editDrawer.getByLabel('周日')).not.toBeChecked();
  await expect(editDrawer.getByRole('img', { name: '商户 Logo' })).toBeVisible();
  await editDrawer.getByLabel('使用条件').fill('到店出示券码兑换美式咖啡一杯。');
  await editDrawer.getByRole('button', { name: '保存' }).click();
  await expect(editDrawer).toBeHidden();
  await expect(ownRow).toContainText('待审核');

  await logOut(page);
  await logIn(page, DEMO.operator);
  await menu(page, '券审核').click();
  await expect(reviewRow).toContainText('未发现问题');
  await reviewRow.getByRole('button', { name: '通过' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '通过' }).click();
  await expect(page.getByText(`已通过“${templateTitle}”`)).toBeVisible();
  await expect(reviewRow).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the owner grants vouchers to a member and reads the list', async ({ page, request }) => {
  const errors = watchPageErrors(page);
  await logIn(page, DEMO.owner);
  await expect(page).toHaveURL(/\/admin\/overview$/);

  await menu(page, '卡券').click();
  await expect(page.getByRole('heading', { name: '卡券', exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /咖啡兑换券/ }).first()).toContainText('••••');
  await snap(page, 'admin-vouchers-list');

  await page.getByRole('button', { name: '发券' }).first().click();
  const dialog = page.getByRole('dialog', { name: '给会员发券' });
  await dialog.getByRole('button', { name: '发券' }).click();
  await expect(dialog.getByText('请选择券模板')).toBeVisible();
  await expect(dialog.getByText('请选择会员')).toBeVisible();

  // Two of a template limited to one per member: the server's refusal shows under the count.
  await chooseIn(page, dialog, '券模板', templateTitle);
  await chooseIn(page, dialog, '会员', SPARE_MEMBER, SPARE_MEMBER);
  await dialog.getByLabel('数量').fill('2');
  await dialog.getByRole('button', { name: '发券' }).click();
  const countField = dialog.locator('.ant-form-item', { has: page.getByLabel('数量') });
  await expect(countField.locator('.ant-form-item-explain-error')).toBeVisible();
  await snap(page, 'admin-vouchers-grant-error');
  await dialog.getByLabel('数量').fill('1');
  await expect(countField.locator('.ant-form-item-explain-error')).toBeHidden();
  await dialog.getByRole('button', { name: '发券' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已发放 1 张“${templateTitle}”`)).toBeVisible();

  await page.getByRole('button', { name: '发券' }).first().click();
  await chooseIn(page, dialog, '券模板', '咖啡兑换券');
  await chooseIn(page, dialog, '会员', SPARE_MEMBER, SPARE_MEMBER);
  await dialog.getByLabel('数量').fill('2');
  await snap(page, 'admin-vouchers-grant');
  await dialog.getByRole('button', { name: '发券' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已发放 2 张“咖啡兑换券”')).toBeVisible();

  // The list narrowed to 王五 shows the new vouchers, unused, with masked codes.
  await chooseIn(page, page, '会员', SPARE_MEMBER, SPARE_MEMBER);
  await page.getByRole('button', { name: '查询' }).click();
  const rows = page.locator('.ant-table-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(SPARE_MEMBER);
  await expect(rows.first()).toContainText('未使用');
  await expect(rows.first()).toContainText(/•••• \d{4}/);
  await snap(page, 'admin-vouchers-member');

  const listed = await json<{ items: { templateId: number; title: string }[] }>(
    await page.request.get('/api/v1/vouchers?pageSize=100'),
  );
  const coffee = listed.items.find((v) => v.title === '咖啡兑换券')!.templateId;
  code = await walletCode(page, request, coffee);
  expect(errors).toEqual([]);
});

test('the verifier verifies a code at the desk, undoes it, verifies again and finds the records', async ({
  page,
}) => {
  expect(code).toMatch(/^\d{12}$/);
  const errors = watchPageErrors(page);
  await logIn(page, DEMO.verifier);
  await expect(page).toHaveURL(/\/admin\/verify-desk$/);
  await expect(page.getByRole('menuitem')).toHaveText(['核销台', '核销记录', '门店']);
  await choose(
    page,
    page.locator('#verify-store'),
    page.locator('.ant-select', { has: page.locator('#verify-store') }),
    DEMO_STORE,
  );
  const input = page.getByLabel('券码');
  await expect(input).toBeFocused();
  await snap(page, 'admin-vouchers-desk');

  // A wrong code: the server's message, and the input empty and focused for the next scan.
  await input.pressSequentially('000000000000');
  await input.press('Enter');
  await expect(page.getByText('核销失败')).toBeVisible();
  await expect(page.getByTestId('verify-error')).toHaveText('券码不存在');
  await expect(input).toHaveValue('');
  await expect(input).toBeFocused();
  await snap(page, 'admin-vouchers-desk-refused');

  // A scanner types the digits and Enter.
  const last4 = code.slice(-4);
  await input.pressSequentially(code);
  await input.press('Enter');
  const result = page.locator('[aria-live="polite"]');
  await expect(result.getByText('核销成功')).toBeVisible();
  await expect(result).toContainText('咖啡兑换券');
  await expect(result).toContainText(last4);
  await expect(result).toContainText(DEMO_STORE);
  await expect(input).toHaveValue('');
  await snap(page, 'admin-vouchers-desk-verified');

  await result.getByRole('button', { name: '撤销' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
  await expect(result.getByText('已撤销这次核销')).toBeVisible();
  await expect(result.getByRole('button', { name: '撤销' })).toHaveCount(0);
  await snap(page, 'admin-vouchers-desk-undone');

  await input.pressSequentially(code);
  await input.press('Enter');
  await expect(result.getByText('核销成功')).toBeVisible();

  // The same code once more is refused: it is used now.
  await input.pressSequentially(code);
  await input.press('Enter');
  await expect(page.getByTestId('verify-error')).toHaveText('该券已核销');

  await menu(page, '核销记录').click();
  await expect(page.getByRole('heading', { name: '核销记录' })).toBeVisible();
  const mine = page.locator('.ant-table-row', { hasText: last4 });
  await expect(mine).toHaveCount(2);
  await expect(mine.nth(0)).toContainText('已核销');
  await expect(mine.nth(0)).toContainText('店员核销');
  await expect(mine.nth(0).getByRole('button', { name: '撤销' })).toBeVisible();
  await expect(mine.nth(1)).toContainText('已撤销');
  await expect(mine.nth(1).getByRole('button', { name: '撤销' })).toHaveCount(0);

  // Filtering by the store keeps both.
  await chooseIn(page, page, '门店', DEMO_STORE);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(mine).toHaveCount(2);
  await snap(page, 'admin-vouchers-records');
  expect(errors).toEqual([]);
});
