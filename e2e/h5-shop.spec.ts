import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { readCode, shot, smsMark, watchErrors } from './h5-helpers.ts';
import { DEMO } from './helpers.ts';

// Member pages are built for a phone screen.
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

const H5 = `/h5/${DEMO.merchantSlug}`;
const CUP = '定制保温杯';
const smsSentAt = new Map<string, number>();

// The console SMS provider sends one code per phone per minute, and the next spec signs the demo
// member in again: leave it a phone that may receive a code.
test.afterAll(async () => {
  const wait = Math.max(0, ...[...smsSentAt.values()].map((at) => at + 61_000 - Date.now()));
  test.setTimeout(wait + 10_000);
  await new Promise((resolve) => setTimeout(resolve, wait));
});

test('a member buys 定制保温杯 with buy now, pays on the sandbox page, finds the order and confirms receipt', async ({
  page,
  request,
}) => {
  const pageErrors = watchErrors(page);
  await signIn(page, DEMO.memberPhone);

  await page.locator('.adm-tab-bar').getByText('商城', { exact: true }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/shop$/);
  await expect(page.getByRole('tab', { name: '实物商品' })).toBeVisible();
  const card = page.getByRole('link', { name: CUP });
  await expect(card).toContainText('¥88.00');
  await expect(card).toContainText('SVIP ¥79.00');
  await shot(page, 'h5-shop-list');

  await page.getByRole('tab', { name: '实物商品' }).click();
  await expect(card).toBeVisible();
  await card.click();
  await expect(page).toHaveURL(/\/h5\/demo\/products\/\d+$/);
  await expect(page.getByRole('heading', { name: CUP })).toBeVisible();
  // 金卡会员 pays 10 % less than ¥88.00; SVIP would pay ¥79.00.
  await expect(page.getByTestId('your-price')).toHaveText('¥79.20');
  await expect(page.getByText('金卡会员专享折扣')).toBeVisible();
  await expect(page.getByText('开通 SVIP 只要 ¥79.00')).toBeVisible();
  await expect(page.getByText('库存')).toBeVisible();
  await shot(page, 'h5-shop-product');

  await page.getByRole('button', { name: '立即购买' }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/checkout\?product=\d+&qty=1$/);
  await expect(page.getByText('收货信息')).toBeVisible();
  await page.getByLabel('姓名').fill('张三');
  await page.getByLabel('手机号').fill(DEMO.memberPhone);
  await page.getByLabel('地区').fill('上海市 黄浦区');
  await page.getByLabel('详细地址').fill('人民大道 100 号 8 楼');

  const breakdown = page.getByTestId('price-breakdown');
  await expect(breakdown).toContainText('商品金额');
  await expect(breakdown).toContainText(`${CUP} ×1`);
  await expect(breakdown).toContainText('¥88.00');
  await expect(breakdown).toContainText('会员折扣');
  await expect(breakdown).toContainText('-¥8.80');
  await expect(page.getByTestId('checkout-total')).toHaveText('¥79.20');

  // A code the merchant never issued is refused with the server's own words.
  await page.getByRole('textbox', { name: '优惠券' }).fill('NO-SUCH-COUPON');
  await page.getByRole('button', { name: '使用', exact: true }).click();
  await expect(page.locator('.kq-field-error')).not.toBeEmpty();

  // Points take a part of the price off; the total follows.
  await page.getByRole('switch', { name: '积分抵扣' }).click();
  await expect(breakdown).toContainText(/使用 \d+ 积分/);
  await expect(page.getByTestId('checkout-total')).not.toHaveText('¥79.20');
  const total = await page.getByTestId('checkout-total').textContent();
  await shot(page, 'h5-shop-checkout');

  await page.getByRole('button', { name: '提交订单' }).click();
  await page.waitForURL(/\/pay\/[^/]+$/);
  await expect(page.getByText(total!, { exact: true }).first()).toBeVisible();
  await shot(page, 'h5-shop-pay-page');
  await page.getByRole('button', { name: /确认支付|^Pay/ }).click();

  await expect(page).toHaveURL(/\/h5\/demo\/orders\/\d+$/);
  const status = page.getByTestId('order-status');
  await expect(status).toContainText('已支付');
  await expect(status).toContainText('待发货');
  await expect(page.getByText('人民大道 100 号 8 楼')).toBeVisible();
  await expect(page.getByTestId('price-breakdown')).toContainText(total!);
  await shot(page, 'h5-shop-order-paid');

  // Opened from the pay page, 返回 leads to 我的订单 rather than back to the pay page.
  await page.locator('.adm-nav-bar-back').click();
  await expect(page).toHaveURL(/\/h5\/demo\/orders$/);
  const order = page.getByTestId('order-card').filter({ hasText: CUP });
  await expect(order.first()).toContainText('待发货');
  await expect(order.first()).toContainText(total!);
  await page.getByRole('tab', { name: '已发货' }).click();
  await expect(page.getByText('还没有订单')).toBeVisible();
  await page.getByRole('tab', { name: '待发货' }).click();
  await expect(order.first()).toBeVisible();
  await shot(page, 'h5-shop-orders');

  // The merchant ships it; the member sees the parcel and confirms receipt.
  await order.first().click();
  const orderId = Number(new URL(page.url()).pathname.split('/').pop());
  await shipAsOwner(request, orderId, { carrier: '顺丰速运', trackingNo: 'SF1234567890' });
  await page.reload();
  await expect(page.getByTestId('order-status')).toContainText('商家已发货');
  await expect(page.getByText('SF1234567890')).toBeVisible();
  await shot(page, 'h5-shop-order-shipped');
  await page.getByRole('button', { name: '确认收货' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('order-status')).toContainText('交易完成');
  await expect(page.getByRole('button', { name: '确认收货' })).toHaveCount(0);

  await page.locator('.adm-nav-bar-back').click();
  await page.locator('.adm-tab-bar').getByText('我的', { exact: true }).click();
  await expect(page.getByTestId('me-level')).toContainText('金卡会员');
  await expect(page.getByTestId('me-points')).not.toContainText('5000');
  await shot(page, 'h5-shop-me');
  expect(pageErrors).toEqual([]);
});

test('a member checks out a cart, cancels on the pay page and sees the checkout cancelled', async ({
  page,
}) => {
  const pageErrors = watchErrors(page);
  await signIn(page, '13800000001');

  await page.goto(`${H5}/shop`);
  await page.getByRole('link', { name: CUP }).click();
  await page.getByRole('button', { name: '加入购物车' }).click();
  await expect(page.getByText('已加入购物车')).toBeVisible();
  await page.getByRole('link', { name: '购物车' }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/cart$/);

  const item = page.getByTestId('cart-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(CUP);
  await item.getByRole('button', { name: '增加' }).click();
  await expect(item.getByRole('spinbutton')).toHaveValue('2');
  await expect(page.getByTestId('cart-total')).toHaveText('¥176.00');
  await expect(page.getByTestId('price-breakdown')).toContainText(`${CUP} ×2`);
  await shot(page, 'h5-shop-cart');

  await page.getByRole('button', { name: '去结算' }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/checkout\?from=cart$/);
  await expect(page.getByLabel('手机号')).toHaveValue('13800000001');
  await page.getByLabel('地区').fill('上海市 徐汇区');
  await page.getByLabel('详细地址').fill('漕溪北路 1 号');
  await expect(page.getByTestId('checkout-total')).toHaveText('¥176.00');
  await shot(page, 'h5-shop-checkout-cart');

  await page.getByRole('button', { name: '提交订单' }).click();
  await page.waitForURL(/\/pay\/[^/]+$/);
  await page.getByRole('button', { name: /取消|Cancel/ }).click();

  await expect(page).toHaveURL(/\/h5\/demo\/checkouts\/\d+$/);
  await expect(page.getByText('订单已取消')).toBeVisible();
  await expect(page.getByRole('button', { name: '返回商城' })).toBeVisible();
  await shot(page, 'h5-shop-checkout-cancelled');

  // The same pages in English.
  await page.goto(`${H5}/me`);
  await page.getByText('English', { exact: true }).click();
  await page.goto(`${H5}/shop`);
  await page.getByRole('link', { name: CUP }).click();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();
  await shot(page, 'h5-shop-product-en');
  await page.getByRole('button', { name: 'Buy now' }).click();
  await expect(page.getByText('Delivery address')).toBeVisible();
  await expect(page.getByTestId('price-breakdown')).toContainText('To pay');
  await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled();
  await shot(page, 'h5-shop-checkout-en');
  expect(pageErrors).toEqual([]);
});

/** The demo merchant's owner ships an order through the API, as the admin console would. */
async function shipAsOwner(
  request: APIRequestContext,
  orderId: number,
  parcel: { carrier: string; trackingNo: string },
) {
  const login = await request.post('/api/v1/auth/login', { data: DEMO.owner });
  expect(login.ok()).toBe(true);
  const { token } = await login.json();
  const shipped = await request.post(`/api/v1/orders/${orderId}/ship`, {
    headers: { Authorization: `Bearer ${token}` },
    data: parcel,
  });
  expect(shipped.ok()).toBe(true);
}

/** Signs a member in on the login page with the code the console SMS provider wrote. */
async function signIn(page: Page, phone: string) {
  await page.goto(`${H5}/login`);
  await page.getByPlaceholder('请输入手机号').fill(phone);
  const mark = smsMark();
  await page.getByRole('button', { name: '获取验证码' }).click();
  smsSentAt.set(phone, Date.now());
  await expect.poll(() => readCode(phone, mark)).not.toBe('');
  await page.getByPlaceholder('请输入验证码').fill(readCode(phone, mark));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/h5\/demo\/$/);
}
