import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const DEMO = {
  operator: { login: 'operator', password: 'kaquan-demo' },
  owner: { login: 'owner@demo.kaquan', password: 'kaquan-demo' },
  verifier: { login: 'verifier@demo.kaquan', password: 'kaquan-demo' },
  memberPhone: '13800000000',
  merchantSlug: 'demo',
};

/** The last one-time code the console SMS provider wrote for this phone (it appends JSON lines). */
/** Where the console SMS log ends now: codes sent after this mark are the ones a test waits for. */
export function smsMark(): number {
  try {
    return readFileSync(join(process.env.E2E_DATA_DIR!, 'sms-console.log'), 'utf8').trim().split('\n').length;
  } catch {
    return 0;
  }
}

/** The last code sent to `phone` after `mark` (an earlier spec's code for the same phone is not it). */
export function lastSmsCode(phone: string, mark = 0): string {
  const file = join(process.env.E2E_DATA_DIR!, 'sms-console.log');
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(mark).reverse();
  for (const line of lines) {
    const msg = JSON.parse(line) as { phone: string; code: string };
    if (msg.phone === phone) return msg.code;
  }
  throw new Error(`no SMS code sent to ${phone}`);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(import.meta.dirname, 'screenshots', `${name}.png`), fullPage: true });
}
