import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import QRCode from 'qrcode';
import { json, shot } from './h5-helpers.ts';
import { DEMO, shot as rawShot } from './helpers.ts';
import config from './playwright.config.ts';

// The verifier's phone camera is Chromium's fake camera, which plays a Y4M file: the test draws the
// member's counter QR into that file before the camera opens (Chromium reads it at each opening).
const CAMERA_FILE = join(process.env.E2E_DATA_DIR!, 'staff-scan-camera.y4m');
const launchOptions = config.use?.launchOptions ?? {};
const cameraArgs = (ui: string) => [
  ...(launchOptions.args ?? []),
  '--use-fake-device-for-media-stream',
  ui,
  `--use-file-for-fake-video-capture=${CAMERA_FILE}`,
];

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
test.use({
  ...PHONE,
  launchOptions: { ...launchOptions, args: cameraArgs('--use-fake-ui-for-media-stream') },
});

// The H5 vouchers spec verifies the two demo vouchers of 13800000000 and signs that phone in by SMS;
// these tests grant their own vouchers to 王五 and read his counter QR through a member session
// minted with an API key, so no SMS code is spent.
const SPARE_MEMBER = '13800000002';
const COFFEE = '咖啡兑换券';
const STORE = '人民广场店';
const NOT_A_VOUCHER = 'https://example.com/menu';

test.beforeAll(() => writeCamera(NOT_A_VOUCHER));

test('the verifier scans a member’s counter QR with the phone camera and it is verified', async ({
  browser,
  baseURL,
  request,
}) => {
  const voucher = await grantVoucher(request);
  const { staff, errors } = await staffDesk(browser, baseURL!, true);
  const scanner = staff.getByTestId('staff-scanner');

  // Another QR code in front of the camera: a short notice, and the camera keeps reading.
  writeCamera(NOT_A_VOUCHER);
  await staff.getByRole('button', { name: '扫码' }).click();
  await expect(scanner).toBeVisible();
  await expect(scanner.locator('video')).toHaveJSProperty('paused', false);
  await expect(staff.getByText('这不是券码二维码')).toBeVisible();
  await expect(scanner).toBeVisible();
  await expect(scanner.getByText('将会员的券码二维码放入框内，即可自动识别')).toBeVisible();
  // Chromium's fake camera has no light to switch.
  await expect(scanner.getByRole('button', { name: /手电筒/ })).toHaveCount(0);
  await rawShot(staff, 'h5-staff-scan-camera');
  await scanner.getByRole('button', { name: '关闭' }).click();
  await expect(scanner).toHaveCount(0);
  await expect(staff.getByLabel('券码')).toBeFocused();
  expect(await liveCameraTracks(staff)).toBe(0);

  // The member's counter QR: the camera closes and the voucher is verified as if typed.
  // Chromium may hand a camera opened right after closing it the same fake device, still playing the
  // earlier file; the verifier then closes the scanner and opens it again, as a person would.
  writeCamera(await voucher.counterQr());
  const result = staff.getByTestId('staff-result');
  await expect(async () => {
    if (await scanner.isVisible()) await scanner.getByRole('button', { name: '关闭' }).click();
    await staff.getByRole('button', { name: '扫码' }).click();
    await expect(result).toContainText('核销成功', { timeout: 10_000 });
  }).toPass({ timeout: 45_000 });
  await expect(result).toContainText(COFFEE);
  await expect(result).toContainText(STORE);
  await expect(result).toContainText(voucher.code.slice(-4));
  await expect(scanner).toHaveCount(0);
  expect(await liveCameraTracks(staff)).toBe(0);
  await shot(staff, 'h5-staff-scan-success');
  expect(await voucher.state()).toBe('used');

  await result.getByRole('button', { name: '继续核销' }).click();
  await expect(staff.getByTestId('staff-record').first()).toContainText(COFFEE);
  await staff.context().close();
  expect(errors).toEqual([]);
});

test('the verifier picks a photo of the QR code from the album', async ({ browser, baseURL, request }) => {
  const voucher = await grantVoucher(request);
  const { staff, errors } = await staffDesk(browser, baseURL!, true);

  // A picture with no QR code, then a QR code that is not a voucher's: each is called out.
  await pickPhoto(staff, await staff.screenshot());
  await expect(staff.getByText('照片中没有识别到二维码')).toBeVisible();
  await pickPhoto(staff, await QRCode.toBuffer(NOT_A_VOUCHER, { type: 'png', margin: 4, width: 600 }));
  await expect(staff.getByText('这不是券码二维码')).toBeVisible();
  await expect(staff.getByTestId('staff-result')).toHaveCount(0);

  await pickPhoto(
    staff,
    await QRCode.toBuffer(await voucher.counterQr(), { type: 'png', margin: 4, width: 600 }),
  );
  const result = staff.getByTestId('staff-result');
  await expect(result).toContainText('核销成功');
  await expect(result).toContainText(COFFEE);
  await expect(result).toContainText(voucher.code.slice(-4));
  await shot(staff, 'h5-staff-scan-photo-success');
  expect(await voucher.state()).toBe('used');
  await staff.context().close();
  expect(errors).toEqual([]);
});

test('a phone whose camera is refused says so, and the code can still be typed', async ({
  playwright,
  baseURL,
  request,
}) => {
  const voucher = await grantVoucher(request);
  // Chromium answers every camera request of this browser as a person tapping 拒绝 would.
  const refusing = await playwright.chromium.launch({
    ...launchOptions,
    args: cameraArgs('--use-fake-ui-for-media-stream=deny'),
  });
  const { staff, errors } = await staffDesk(refusing, baseURL!, false);
  await staff.getByRole('button', { name: '扫码' }).click();
  await expect(staff.getByRole('alert')).toHaveText(
    '相机权限被拒绝。请在浏览器设置中允许访问相机，或直接输入券码。',
  );
  await expect(staff.getByTestId('staff-scanner')).toHaveCount(0);
  const input = staff.getByLabel('券码');
  await expect(input).toBeFocused();
  await shot(staff, 'h5-staff-scan-denied');

  await input.pressSequentially(voucher.code);
  await input.press('Enter');
  await expect(staff.getByTestId('staff-result')).toContainText('核销成功');
  expect(await voucher.state()).toBe('used');
  await refusing.close();
  expect(errors).toEqual([]);
});

/** Writes the fake camera's video: a 640×480 picture of the QR code, a few frames long. */
function writeCamera(text: string) {
  const W = 640;
  const H = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor((H * 0.8) / (size + 2 * quiet));
  const left = Math.floor((W - (size + 2 * quiet) * scale) / 2) + quiet * scale;
  const top = Math.floor((H - (size + 2 * quiet) * scale) / 2) + quiet * scale;
  // Luma: white paper, black modules (video range 16..235); chroma: grey.
  const luma = Buffer.alloc(W * H, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (top + row * scale + dy) * W + left + col * scale;
        luma.fill(16, start, start + scale);
      }
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(CAMERA_FILE, Buffer.concat([header, frame, frame, frame, frame, frame]));
}

/** The staff desk on a second phone: the verifier signs in and picks the store. */
async function staffDesk(browser: Browser, baseURL: string, camera: boolean): Promise<Desk> {
  const context = await browser.newContext({ ...PHONE, baseURL, locale: 'zh-CN' });
  if (camera) await context.grantPermissions(['camera']);
  // Keeps the camera streams the page opens, to check that each is released.
  await context.addInitScript(() => {
    const streams: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = streams;
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const open = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
  const staff = await context.newPage();
  const errors: string[] = [];
  staff.on('pageerror', (err) => errors.push(err.message));
  await staff.goto('/h5/staff');
  await expect(staff.getByRole('heading', { name: '核销台' })).toBeVisible();
  await staff.getByPlaceholder('邮箱或登录名').fill(DEMO.verifier.login);
  await staff.getByPlaceholder('请输入密码').fill(DEMO.verifier.password);
  await staff.getByRole('button', { name: '登录' }).click();
  await staff.getByTestId('staff-store').click();
  await staff.locator('.adm-action-sheet').getByText(STORE, { exact: true }).click();
  await expect(staff.getByTestId('staff-store')).toContainText(STORE);
  await expect(staff.getByRole('button', { name: '扫码' })).toBeEnabled();
  return { staff, errors };
}

interface Desk {
  staff: Page;
  /** Errors thrown in the page, expected to stay empty. */
  errors: string[];
}

async function liveCameraTracks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams
        .flatMap((s) => s.getTracks())
        .filter((t) => t.readyState === 'live').length,
  );
}

async function pickPhoto(page: Page, png: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从相册选择' }).click();
  await (await chooser).setFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
}

/**
 * A 咖啡兑换券 granted to 王五 by the owner, with the member's view of it: his counter QR (a fresh
 * payload each call) and its state.
 */
async function grantVoucher(request: APIRequestContext) {
  const { token } = await json<{ token: string }>(
    await request.post('/api/v1/auth/login', { data: DEMO.owner }),
  );
  const owner = { Authorization: `Bearer ${token}` };
  const templates = await json<{ items: { id: number; title: string }[] }>(
    await request.get('/api/v1/voucher-templates?pageSize=100', { headers: owner }),
  );
  const templateId = templates.items.find((t) => t.title === COFFEE)!.id;
  const members = await json<{ items: { id: number }[] }>(
    await request.get(`/api/v1/members?q=${SPARE_MEMBER}`, { headers: owner }),
  );
  const memberId = members.items[0].id;
  const [granted] = await json<{ id: number }[]>(
    await request.post('/api/v1/vouchers/grants', {
      headers: owner,
      data: { templateId, memberId, count: 1 },
    }),
  );
  const { secret } = await json<{ secret: string }>(
    await request.post('/api/v1/api-keys', {
      headers: owner,
      data: { name: `扫码核销 ${Date.now().toString(36)}`, scopes: ['members:sessions'] },
    }),
  );
  const session = await json<{ token: string }>(
    await request.post(`/api/v1/members/${memberId}/sessions`, {
      headers: { Authorization: `Bearer ${secret}` },
      data: {},
    }),
  );
  const member = { Authorization: `Bearer ${session.token}` };
  const read = async () =>
    json<{ code: string; state: string }>(
      await request.get(`/api/v1/wallet/vouchers/${granted.id}`, { headers: member }),
    );
  const { code } = await read();
  expect(code).toMatch(/^\d{12}$/);
  return {
    code,
    state: async () => (await read()).state,
    counterQr: async () =>
      (
        await json<{ payload: string }>(
          await request.get(`/api/v1/wallet/vouchers/${granted.id}/qr`, { headers: member }),
        )
      ).payload,
  };
}
