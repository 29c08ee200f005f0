// Helpers shared by the member and staff page specs (phone screens).
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { lastSmsCode, shot as rawShot } from './helpers.ts';

/** The last SMS code the console provider wrote for the phone, or '' while there is none. */
export function readCode(phone: string): string {
  try {
    return lastSmsCode(phone);
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
