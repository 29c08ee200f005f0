import { expect, test } from '@playwright/test';
import { snap } from './admin-helpers.ts';
import { json, memberPhone, memberToken, shot as phoneShot } from './h5-helpers.ts';
import { DEMO } from './helpers.ts';

test.use({ viewport: { width: 1366, height: 860 } });

// The owner creates a card-key pool, previews and imports pasted keys (a duplicate is reported),
// reveals one key; a card-key product sells from the pool. A member of this spec's own (a session
// minted with an API key, so no SMS code is spent) buys it on a phone giving only name and phone,
// pays on the sandbox page and sees the key in the order with a copy button. The owner then sees
// the pool on the low-stock alert, and renames it and lowers its threshold.
const suffix = Date.now().toString(36).slice(-5);
const POOL = `视频会员月卡 ${suffix}`;
const PRODUCT = `视频会员月卡 ${suffix}`;
const RENAMED = `视频会员年卡 ${suffix}`;
const KEYS = [`VIP-${suffix}-AAAA-0001`, `VIP-${suffix}-BBBB-0002`, `VIP-${suffix}-CCCC-0003`];
const MEMBER = { name: '周九', phone: '13910006500' };

test('the owner imports card keys; a member buys one with name and phone and sees the key in the order', async ({
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
  await page.getByRole('menuitem', { name: '电子卡密' }).click();
  await expect(page.getByRole('heading', { name: '电子卡密' })).toBeVisible();

  // A pool of single secrets with a low-stock threshold of 2.
  await page.getByRole('button', { name: '新建卡密池' }).first().click();
  const modal = page.locator('.ant-modal:visible');
  await modal.getByLabel('卡密池名称').fill(POOL);
  await modal.getByLabel('库存预警值').fill('2');
  await snap(page, 'admin-card-keys-pool-new');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  const row = page.getByRole('row', { name: new RegExp(POOL) });
  await expect(row).toContainText('可用 0');

  // Paste three keys and one of them again: the preview reports the duplicate and writes nothing.
  await row.getByRole('button', { name: '导入' }).click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByRole('textbox', { name: '粘贴文本' }).fill([...KEYS, KEYS[1]].join('\n'));
  await drawer.getByRole('button', { name: /预\s*览/ }).click();
  const report = drawer.getByTestId('import-report');
  await expect(report).toContainText(/将导入\s*3/);
  await expect(report).toContainText(/文件内重复\s*1/);
  await expect(report).toContainText('与第 2 行重复');
  await expect(report).not.toContainText(KEYS[0]);
  await snap(page, 'admin-card-keys-import-preview');
  await drawer.getByRole('button', { name: '确认导入' }).click();
  await expect(report).toContainText(/已导入\s*3/);
  await drawer.getByRole('button', { name: '关闭' }).click();
  await expect(row).toContainText('可用 3');
  await snap(page, 'admin-card-keys-pools');

  // The keys are masked; revealing one shows it in full.
  await row.getByRole('button', { name: '卡密', exact: true }).click();
  const keys = page.locator('.ant-drawer-open');
  await expect(keys.getByRole('row')).toHaveCount(4);
  await expect(keys).not.toContainText(KEYS[0]);
  await keys.getByRole('row').nth(3).getByRole('button', { name: '查看' }).click();
  await expect(page.getByTestId('revealed-secret')).toHaveText(KEYS[0]);
  await snap(page, 'admin-card-keys-reveal');
  await page.locator('.ant-modal:visible').getByRole('button', { name: '关闭' }).click();
  await keys.getByRole('button', { name: '关闭' }).click();

  // A card-key product that sells from the pool.
  const owner = page.request;
  const pools = await json<{ items: { id: number; name: string }[] }>(
    await owner.get('/api/v1/card-key-pools'),
  );
  const poolId = pools.items.find((p) => p.name === POOL)!.id;
  const product = await json<{ id: number }>(
    await owner.post('/api/v1/products', {
      data: {
        type: 'card_key',
        name: PRODUCT,
        priceCents: 1_990,
        stock: 100,
        onSale: true,
        fulfilRef: String(poolId),
      },
    }),
  );

  // The member buys it on a phone: name and phone only, no address.
  const phone = await memberPhone(
    browser,
    baseURL!,
    await memberToken(owner, request, MEMBER, `卡密会话 ${suffix}`),
  );
  const m = phone.page;
  await m.goto(`/h5/${DEMO.merchantSlug}/products/${product.id}`);
  await expect(m.getByRole('heading', { name: PRODUCT })).toBeVisible();
  // Product stock 100, three keys in the pool: the buyer sees 3.
  await expect(m.locator('.adm-list-item', { hasText: '库存' })).toContainText('3');
  await phoneShot(m, 'h5-card-key-product');
  await m.getByRole('button', { name: '立即购买' }).click();
  await expect(m).toHaveURL(/\/checkout\?product=\d+&qty=1$/);
  await expect(m.getByLabel('姓名')).toBeVisible();
  await expect(m.getByLabel('详细地址')).toHaveCount(0);
  await m.getByLabel('姓名').fill(MEMBER.name);
  await m.getByLabel('手机号').fill(MEMBER.phone);
  await phoneShot(m, 'h5-card-key-checkout');
  await m.getByRole('button', { name: '提交订单' }).click();
  await m.waitForURL(/\/pay\/[^/]+$/);
  await m.getByRole('button', { name: /确认支付|^Pay/ }).click();
  await expect(m).toHaveURL(/\/h5\/demo\/orders\/\d+$/);

  const section = m.getByTestId('order-card-keys');
  await expect(section).toContainText('卡密');
  await expect(section.getByTestId('card-key-value')).toHaveText(KEYS[0]);
  await expect(section.getByRole('button', { name: '复制' })).toBeVisible();
  await expect(m.getByTestId('order-status')).toContainText('交易完成');
  await phoneShot(m, 'h5-card-key-order');
  expect(phone.errors).toEqual([]);
  await phone.close();

  // Two keys left, at the threshold: the pool is on the owner's low-stock alert.
  await page.reload();
  await expect(page.getByTestId('low-stock')).toContainText(`${POOL}：可用 2 个（预警值 2）`);
  await expect(row).toContainText('已售 1');
  await snap(page, 'admin-card-keys-low-stock');

  // The owner renames the pool and lowers its threshold to 1: the list shows both, and it is no longer low.
  await row.getByRole('button', { name: /编\s*辑/ }).click();
  const edit = page.locator('.ant-modal:visible');
  await expect(edit.getByRole('radio', { name: '单个卡密' })).toBeDisabled();
  await expect(edit.getByRole('switch', { name: '可重复使用' })).toBeDisabled();
  await edit.getByLabel('卡密池名称').fill(RENAMED);
  await edit.getByLabel('库存预警值').fill('1');
  await snap(page, 'admin-card-keys-pool-edit');
  await edit.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  const renamed = page.getByRole('row', { name: new RegExp(RENAMED) });
  await expect(renamed.getByRole('cell').nth(2)).toHaveText('1');
  await expect(renamed).not.toContainText('库存不足');
  await expect(page.getByRole('row', { name: new RegExp(POOL) })).toHaveCount(0);
  await snap(page, 'admin-card-keys-pool-edited');
  expect(errors).toEqual([]);
});
