// Helpers shared by the admin console specs.
import { expect, type Page } from '@playwright/test';
import { shot } from './helpers.ts';

/** A screenshot once antd's open/close animations have finished (a wave or a spinner never does). */
export async function snap(page: Page, name: string) {
  const moving = ['appear', 'enter', 'leave'].map(
    (s) => `[class*="-${s}-active"]:not(.ant-btn-loading-icon):not(.ant-wave)`,
  );
  await expect(page.locator(moving.join(', '))).toHaveCount(0);
  await shot(page, name);
}

/** Picks an option of the antd select whose dropdown is open. */
export async function pick(page: Page, option: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
}
