import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { chooseIn, pick, snap } from './admin-helpers.ts';
import { readCode, smsMark } from './h5-helpers.ts';
import { DEMO } from './helpers.ts';

test.use({ viewport: { width: 1366, height: 860 } });

// A short unique suffix so the tests can run again against the same data directory.
const suffix = Date.now().toString(36).slice(-5);

// The H5 specs shop as 13800000000 and 13800000001; changes to a member go to 王五.
const SPARE_MEMBER = '13800000002';

function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

async function logInAsOwner(page: Page) {
  await page.goto('/admin/');
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.getByLabel('账号', { exact: true }).fill(DEMO.owner.login);
  await page.getByLabel('密码', { exact: true }).fill(DEMO.owner.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/overview$/);
}

/** A side-menu entry by its whole label (its accessible name also holds the icon's). */
function menu(page: Page, label: string) {
  return page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${label}$`) });
}

test('the owner sets up a category and a physical product, then restocks it', async ({ page }) => {
  const errors = watchPageErrors(page);
  await logInAsOwner(page);
  for (const entry of ['商品', '商品分类', '订单', '佣金明细', '交易设置']) {
    await expect(menu(page, entry)).toBeVisible();
  }

  const category = `周边好物 ${suffix}`;
  await menu(page, '商品分类').click();
  await expect(page.getByRole('heading', { name: '商品分类' })).toBeVisible();
  await expect(page.getByRole('row', { name: /实物商品/ })).toBeVisible();
  await page.getByRole('button', { name: '新建分类' }).first().click();
  const categoryDialog = page.getByRole('dialog', { name: '新建分类' });
  await categoryDialog.getByLabel('分类名称').fill(category);
  await categoryDialog.getByRole('button', { name: '保存' }).click();
  await expect(categoryDialog).toBeHidden();
  await expect(page.getByText(`分类“${category}”已创建`)).toBeVisible();
  const rows = page.locator('.ant-table-row');
  await expect(rows.last()).toContainText(category);
  const count = await rows.count();
  await rows.last().getByRole('button', { name: '上移' }).click();
  await expect(rows.nth(count - 2)).toContainText(category);
  await snap(page, 'admin-commerce-categories');

  await menu(page, '商品').click();
  await expect(page.getByRole('heading', { name: '商品', exact: true })).toBeVisible();
  const cup = page.getByRole('row', { name: /定制保温杯/ });
  await expect(cup).toContainText('实物商品');
  await expect(cup).toContainText('¥88.00');
  await expect(cup).toContainText('SVIP ¥79.00');
  await expect(cup).toContainText('200');
  await snap(page, 'admin-commerce-products');

  // A gift card needs one of this merchant's code libraries: an unknown one is refused by the server.
  const product = `帆布托特包 ${suffix}`;
  await page.getByRole('button', { name: '新建商品' }).first().click();
  const drawer = page.getByRole('dialog', { name: '新建商品' });
  await drawer.getByText('礼品卡', { exact: true }).click();
  await expect(drawer.getByText('付款后自动发放礼品卡兑换码')).toBeVisible();
  await drawer.getByLabel('商品名称').fill(product);
  await drawer.getByLabel('兑换码库 ID').fill('gift-lib-1');
  await drawer.getByLabel('售价', { exact: true }).fill('39.9');
  await drawer.getByLabel('库存', { exact: true }).fill('50');
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.ant-message')).toContainText('发货来源无效');
  await expect(drawer).toBeVisible();

  await drawer.getByText('实物商品', { exact: true }).click();
  await expect(drawer.getByLabel('兑换码库 ID')).toBeHidden();
  await chooseIn(page, drawer, '商品分类', category);
  await drawer.getByRole('button', { name: '添加图片' }).click();
  await drawer.getByLabel('第 1 张图片地址').fill('https://img.example.com/tote.jpg');
  await drawer.getByRole('switch', { name: '超级会员价' }).click();
  await drawer.getByLabel('超级会员售价').fill('45');
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(drawer.getByText('超级会员价应低于售价')).toBeVisible();
  await drawer.getByLabel('超级会员售价').fill('35');
  await drawer.getByRole('switch', { name: '参与分销' }).click();
  await drawer.getByLabel('一级分销').fill('10');
  await drawer.getByLabel('二级分销').fill('5');
  await drawer.getByLabel('区域代理').fill('1.5');
  await snap(page, 'admin-commerce-product-form');
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByText(`商品“${product}”已创建`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(product) });
  await expect(row).toContainText('¥39.90');
  await expect(row).toContainText('SVIP ¥35.00');
  await expect(row).toContainText(category);
  await expect(row).toContainText('50');

  // Restock it; the form reads back what was saved, in yuan and percent.
  await row.getByRole('button', { name: '编辑' }).click();
  const editDrawer = page.getByRole('dialog', { name: '编辑商品' });
  await expect(editDrawer.getByLabel('售价', { exact: true })).toHaveValue('39.90');
  await expect(editDrawer.getByLabel('一级分销')).toHaveValue('10');
  await expect(editDrawer.getByLabel('区域代理')).toHaveValue('1.5');
  await expect(editDrawer.getByRole('radio', { name: '礼品卡' })).toBeDisabled();
  await editDrawer.getByLabel('库存', { exact: true }).fill('120');
  await editDrawer.getByRole('button', { name: '保存' }).click();
  await expect(editDrawer).toBeHidden();
  await expect(row.getByRole('cell', { name: '120', exact: true })).toBeVisible();

  // The filters narrow the list to it.
  await page.getByPlaceholder('搜索商品名称').fill(product);
  await page.getByPlaceholder('搜索商品名称').press('Enter');
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  await page.getByLabel('全部类型').click();
  await pick(page, '礼品卡');
  await expect(page.getByText('没有符合条件的记录')).toBeVisible();
  await page.getByLabel('全部类型').click();
  await pick(page, '实物商品');
  await expect(row).toBeVisible();
  await snap(page, 'admin-commerce-products-filtered');

  // Off sale again, so the H5 specs see the shop as seeded.
  await row.getByRole('switch', { name: `上架“${product}”` }).click();
  await expect(page.getByText(`“${product}”已下架`)).toBeVisible();
  await page.getByLabel('上架状态').click();
  await pick(page, '已上架');
  await expect(page.getByText('没有符合条件的记录')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the owner reads orders, commissions and member levels, and saves the trade settings', async ({
  page,
}) => {
  const errors = watchPageErrors(page);
  await logInAsOwner(page);

  await menu(page, '订单').click();
  await expect(page.getByRole('heading', { name: '订单', exact: true })).toBeVisible();
  const firstOrder = page.locator('.ant-table-row').first();
  const noOrders = page.getByText('还没有订单');
  await expect(firstOrder.or(noOrders)).toBeVisible();
  await snap(page, 'admin-commerce-orders');
  if (await firstOrder.isVisible()) {
    await firstOrder.getByRole('button', { name: '查看' }).click();
    const detail = page.getByRole('dialog', { name: /^订单 / });
    await expect(detail.getByText('价格明细')).toBeVisible();
    await expect(detail.getByTestId('order-price')).toContainText('实付合计');
    await snap(page, 'admin-commerce-order-detail');
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
  }
  await page.getByPlaceholder('订单号或手机号').fill('NO-SUCH-ORDER');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('没有符合条件的记录')).toBeVisible();

  await menu(page, '交易设置').click();
  await expect(page.getByRole('heading', { name: '交易设置' })).toBeVisible();
  await expect(page.getByText('内置沙箱支付')).toBeVisible();
  const ttl = page.getByLabel('待支付订单有效期');
  await expect(ttl).toHaveValue('15');
  const afterSales = page.getByLabel('售后期');
  const before = await afterSales.inputValue();
  await afterSales.fill(String(Number(before) + 1));
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.reload();
  await expect(afterSales).toHaveValue(String(Number(before) + 1));
  await expect(page.getByText(/按当前设置：100 积分可抵/)).toBeVisible();
  await snap(page, 'admin-commerce-settings');
  // Put it back: the H5 specs share this merchant.
  await afterSales.fill(before);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存').first()).toBeVisible();

  await menu(page, '佣金明细').click();
  await expect(page.getByRole('heading', { name: '佣金明细' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '按受益人汇总' })).toBeVisible();
  await snap(page, 'admin-commerce-commissions');
  await page.getByRole('tab', { name: '佣金明细' }).click();
  await page.getByLabel('类型', { exact: true }).click();
  for (const kind of ['一级分销', '二级分销', '三级分销', '团队分红', '股东分红', '区域代理']) {
    await expect(page.locator('.ant-select-dropdown:visible').getByText(kind, { exact: true })).toBeVisible();
  }
  await pick(page, '股东分红');
  await page.getByRole('button', { name: '查询' }).click();
  await snap(page, 'admin-commerce-commission-entries');

  await menu(page, '会员').click();
  await page.getByRole('tab', { name: '会员等级' }).click();
  await expect(page).toHaveURL(/\/admin\/members\?tab=levels$/);
  await expect(page.getByRole('row', { name: /银卡会员/ })).toContainText('95折');
  await expect(page.getByRole('row', { name: /金卡会员/ })).toContainText('9折');
  const level = `钻石会员 ${suffix}`;
  await page.getByRole('button', { name: '新建等级' }).first().click();
  const levelDialog = page.getByRole('dialog', { name: '新建等级' });
  await levelDialog.getByLabel('等级名称').fill(level);
  await levelDialog.getByLabel('优惠比例').fill('15');
  await expect(levelDialog.getByText('优惠 15%，即 85折。')).toBeVisible();
  await levelDialog.getByRole('button', { name: '保存' }).click();
  await expect(levelDialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(level) })).toContainText('85折');
  await snap(page, 'admin-commerce-member-levels');
  expect(errors).toEqual([]);
});

test('the owner sees a member’s level and points, and adjusts another member', async ({ page }) => {
  const errors = watchPageErrors(page);
  await logInAsOwner(page);
  await menu(page, '会员').click();
  const search = page.getByPlaceholder('搜索姓名、手机号或外部 ID');

  await search.fill(DEMO.memberPhone);
  await search.press('Enter');
  await page
    .getByRole('row', { name: new RegExp(DEMO.memberPhone) })
    .getByRole('button', { name: '等级与积分' })
    .click();
  const drawer = page.getByRole('dialog', { name: /张三/ });
  await expect(drawer.locator('.ant-descriptions')).toContainText('金卡会员');
  await expect(drawer.locator('.ant-descriptions')).toContainText('13800000001');
  await expect(drawer.locator('.ant-descriptions')).toContainText(/\d+/);
  await snap(page, 'admin-commerce-member-drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await search.fill(SPARE_MEMBER);
  await search.press('Enter');
  await page
    .getByRole('row', { name: new RegExp(SPARE_MEMBER) })
    .getByRole('button', { name: '等级与积分' })
    .click();
  const spare = page.getByRole('dialog', { name: /王五/ });
  await chooseIn(page, spare, '会员等级', '银卡会员');
  await spare.getByLabel('团队长').click();
  await spare.getByLabel('代理区域').fill('上海市');
  await spare.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(spare.locator('.ant-descriptions')).toContainText('银卡会员');
  await expect(spare.locator('.ant-descriptions')).toContainText('上海市');

  await spare.getByRole('tab', { name: '积分' }).click();
  const balance = Number(await spare.getByTestId('points-balance').innerText());
  await spare.getByLabel('调整积分').fill('120');
  await spare.getByLabel('备注').fill(`活动赠送 ${suffix}`);
  await spare.getByRole('button', { name: '调整' }).click();
  await expect(page.getByText(`积分已调整，当前余额 ${balance + 120}`)).toBeVisible();
  const entry = spare.getByRole('row', { name: new RegExp(`活动赠送 ${suffix}`) });
  await expect(entry).toContainText('+120');
  await expect(entry).toContainText('手动调整');
  await snap(page, 'admin-commerce-member-points');
  expect(errors).toEqual([]);
});

/** 王五 buys one 定制保温杯 through the shop API and pays on the sandbox page, so there is an order to ship. */
async function placePaidOrder(request: APIRequestContext) {
  const h5 = `/api/v1/h5/${DEMO.merchantSlug}`;
  const mark = smsMark();
  expect((await request.post(`${h5}/auth/sms-code`, { data: { phone: SPARE_MEMBER } })).ok()).toBe(true);
  await expect.poll(() => readCode(SPARE_MEMBER, mark)).not.toBe('');
  const code = readCode(SPARE_MEMBER, mark);
  expect((await request.post(`${h5}/auth/login`, { data: { phone: SPARE_MEMBER, code } })).ok()).toBe(true);
  const found = await request.get('/api/v1/shop/products', { params: { q: '定制保温杯' } });
  const cup = ((await found.json()) as { items: { id: number }[] }).items[0];
  const checkout = await request.post('/api/v1/shop/checkouts', {
    headers: { 'Idempotency-Key': `admin-e2e-${suffix}` },
    data: {
      items: [{ productId: cup.id, quantity: 1 }],
      buyer: { name: '王五', phone: SPARE_MEMBER, region: '上海市 黄浦区', address: '人民大道 200 号' },
    },
  });
  expect(checkout.status()).toBe(201);
  const { payUrl } = (await checkout.json()) as { payUrl: string };
  const pay = `${new URL(payUrl, 'http://sandbox.invalid').pathname}/pay`;
  expect((await request.post(pay, { form: {}, maxRedirects: 0 })).status()).toBe(303);
}

test('the owner ships a paid order and completes it', async ({ page, request }) => {
  const errors = watchPageErrors(page);
  await placePaidOrder(request);
  await logInAsOwner(page);
  await menu(page, '订单').click();
  const row = page.getByRole('row', { name: new RegExp(SPARE_MEMBER) }).first();
  await expect(row).toContainText('定制保温杯');
  await expect(row).toContainText('已支付');
  await row.getByRole('button', { name: '查看' }).click();

  const detail = page.getByRole('dialog', { name: /^订单 / });
  await expect(detail.getByText('定制保温杯 × 1')).toBeVisible();
  await expect(detail.getByText('人民大道 200 号')).toBeVisible();
  await expect(detail.getByText('待发货')).toBeVisible();
  const price = detail.getByTestId('order-price');
  await expect(price).toContainText('¥88.00');
  await expect(price).toContainText('实付合计');
  await snap(page, 'admin-commerce-order-detail');

  await detail.getByRole('button', { name: '发货' }).click();
  const ship = page.getByRole('dialog', { name: /^发货 · / });
  await ship.getByLabel('快递公司').fill('顺丰速运');
  await ship.getByLabel('快递单号').fill('SF1234567890');
  await snap(page, 'admin-commerce-order-ship');
  await ship.getByRole('button', { name: '发货' }).click();
  await expect(ship).toBeHidden();
  await expect(page.getByText(/订单 .+ 已发货/)).toBeVisible();
  await expect(detail.locator('.ant-drawer-header')).toContainText('已发货');
  await expect(detail.getByText('SF1234567890')).toBeVisible();

  await detail.getByRole('button', { name: '完成' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
  await expect(detail.locator('.ant-drawer-header')).toContainText('已完成');
  await snap(page, 'admin-commerce-order-completed');
  await page.keyboard.press('Escape');
  await expect(row).toContainText('已完成');
  expect(errors).toEqual([]);
});
