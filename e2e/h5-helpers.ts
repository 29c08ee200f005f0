// Helpers shared by the member and staff page specs (phone screens).
import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test';
import { lastSmsCode, shot as rawShot } from './helpers.ts';

export { smsMark } from './helpers.ts';

/** The code sent to `phone` after `mark` (smsMark() taken before asking for it), or '' until it is. */
export function readCode(phone: string, mark: number): string {
  try {
    return lastSmsCode(phone, mark);
  } catch {
    return '';
  }
}

/** Collects uncaught page errors; a spec expects the list to stay empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** A JSON answer that must be a success. */
export async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/**
 * Screenshots wait for toasts to fade so the page itself is what gets looked at. Bottom bars are
 * drawn at the screen's edge, so the screen grows to the whole page for the picture.
 */
export async function shot(page: Page, name: string) {
  await expect(page.locator('.adm-toast-mask')).toHaveCount(0, { timeout: 5000 });
  const screen = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > screen.height) await page.setViewportSize({ width: screen.width, height });
  await rawShot(page, name);
  await page.setViewportSize(screen);
}

export const PHONE = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/**
 * A session token for a new member, made by the owner through the API (a key with the
 * members:sessions scope), so a spec needs no SMS code.
 */
export async function memberToken(
  owner: APIRequestContext,
  request: APIRequestContext,
  member: { name: string; phone: string },
  keyName: string,
) {
  const created = await json<{ id: number }>(await owner.post('/api/v1/members', { data: member }));
  const { secret } = await json<{ secret: string }>(
    await owner.post('/api/v1/api-keys', { data: { name: keyName, scopes: ['members:sessions'] } }),
  );
  const { token } = await json<{ token: string }>(
    await request.post(`/api/v1/members/${created.id}/sessions`, {
      headers: { Authorization: `Bearer ${secret}` },
      data: {},
    }),
  );
  return token;
}

/** A phone-sized browser signed in as the member, collecting page errors. */
export async function memberPhone(browser: Browser, baseURL: string, token: string) {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  await context.addCookies([{ name: 'kq_member', value: token, url: baseURL }]);
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { page, errors, close: () => context.close() };
}
