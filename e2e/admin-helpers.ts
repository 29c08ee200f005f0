// Helpers shared by the admin console specs.
import { expect, type Locator, type Page } from '@playwright/test';
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

/**
 * Chooses `option` in the antd select `field` (typing `search` first) and waits until `shownIn`
 * shows it. A list that re-renders under the click — a search answered, a list refetched — can
 * swallow it, as it can a person's tap, and then the choice is made again.
 */
export async function choose(page: Page, field: Locator, shownIn: Locator, option: string, search?: string) {
  const shown = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option });
  await expect(async () => {
    if ((await shown.count()) === 0) {
      await field.click();
      if (search) await field.fill(search);
    }
    await shown.first().click({ timeout: 5000 });
    await expect(shownIn).toContainText(option, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

/** Chooses `option` in the select labelled `label` of a form in `scope` (typing `search` first). */
export async function chooseIn(
  page: Page,
  scope: Page | Locator,
  label: string,
  option: string,
  search?: string,
) {
  const item = scope.locator('.ant-form-item', { has: page.getByLabel(label) });
  await choose(page, scope.getByLabel(label), item, option, search);
}
