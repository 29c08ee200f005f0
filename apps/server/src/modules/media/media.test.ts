import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestServer, seedMerchant, type TestServer } from '../../../test/harness.ts';
import { searchAudit } from '../audit/audit.service.ts';
import { readImageHeader } from './image-header.ts';
import { MAX_IMAGE_BYTES } from './media.rules.ts';
import { localMediaStorage } from './media.storage.ts';

let s: TestServer;
let A: Awaited<ReturnType<typeof seedMerchant>>;
let B: Awaited<ReturnType<typeof seedMerchant>>;
const UPLOAD = '/api/v1/media/images';

beforeAll(async () => {
  s = await createTestServer();
  A = await seedMerchant(s, 'media-a');
  B = await seedMerchant(s, 'media-b');
});
afterAll(() => s.close());

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real RGB PNG: a warm gradient, or noise (which does not compress) when `noise` is set. */
function png(width: number, height: number, noise = false): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  const row = 1 + width * 3;
  const raw = noise ? randomBytes(row * height) : Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    if (noise) continue;
    for (let x = 0; x < width; x++) raw.set([212, (56 + (x * 150) / width) | 0, 13], y * row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a baseline JPEG: SOI, a JFIF APP0, a quantisation table, SOF0 with the size, EOI. */
function jpeg(width: number, height: number, frame = true): Buffer {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  const app0 = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]);
  const sof = Buffer.alloc(15);
  sof[0] = 8;
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof.set([3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0], 5);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, app0),
    segment(0xdb, dqt),
    ...(frame ? [segment(0xc0, sof)] : []),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0xff, 0xd9]),
  ]);
}

async function upload(
  token: string | undefined,
  bytes: Buffer,
  opts: { purpose?: string; type?: string; lang?: string } = {},
) {
  const purpose = opts.purpose === undefined ? 'voucher-image' : opts.purpose;
  const res = await s.app.inject({
    method: 'POST',
    url: purpose ? `${UPLOAD}?purpose=${purpose}` : UPLOAD,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': opts.type ?? 'image/png',
      ...(opts.lang ? { 'accept-language': opts.lang } : {}),
    },
    payload: bytes,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  return { status: res.statusCode, body: res.json() as any };
}

const refusal = (r: { status: number; body: { error?: { code: string } } }) => [r.status, r.body.error?.code];

describe('uploading images', () => {
  it('stores a PNG by its content hash and serves it back byte for byte', async () => {
    const bytes = png(686, 176);
    const r = await upload(A.owner, bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toEqual({
      url: expect.stringMatching(new RegExp(`^/media/${A.merchant.id}/[0-9a-f]{64}\\.png$`)),
      width: 686,
      height: 176,
      bytes: bytes.length,
      contentType: 'image/png',
    });
    const dir = join(s.config.dataDir, 'media', String(A.merchant.id));
    expect(readdirSync(dir)).toEqual([r.body.url.split('/').pop()]);
    expect(readFileSync(join(dir, r.body.url.split('/').pop())).equals(bytes)).toBe(true);

    const served = await s.app.inject({ method: 'GET', url: r.body.url });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(bytes)).toBe(true);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toContain("default-src 'self'");

    const again = await upload(A.manager, bytes);
    expect(again.status).toBe(201);
    expect(again.body.url).toBe(r.body.url);
    expect(readdirSync(dir)).toHaveLength(1);

    const audit = await searchAudit(s.ctx.db, { merchantId: A.merchant.id, action: 'media.upload' }, 1, 10);
    expect(audit.total).toBe(2);
    expect(audit.items[0]).toMatchObject({
      actorType: 'staff',
      targetType: 'media',
      targetId: r.body.url.slice('/media/'.length),
      after: { purpose: 'voucher-image', width: 686, height: 176, contentType: 'image/png' },
    });
  });

  it('stores a JPEG logo and serves it back byte for byte', async () => {
    const bytes = jpeg(132, 132);
    const r = await upload(A.owner, bytes, { purpose: 'voucher-logo', type: 'image/jpeg' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ width: 132, height: 132, bytes: bytes.length, contentType: 'image/jpeg' });
    expect(r.body.url).toMatch(/\.jpg$/);
    const served = await s.app.inject({ method: 'GET', url: r.body.url });
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.equals(bytes)).toBe(true);
  });

  it('judges the type by the bytes, not by the header', async () => {
    const r = await upload(A.owner, png(400, 100), { type: 'image/jpeg' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ contentType: 'image/png' });
    expect(r.body.url).toMatch(/\.png$/);
    const gif = Buffer.concat([
      Buffer.from('GIF89a', 'latin1'),
      Buffer.from([0x58, 2, 0xb0, 0]),
      Buffer.alloc(200),
    ]);
    const webp = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(200)]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="686" height="176"></svg>');
    for (const [bytes, type] of [
      [gif, 'image/png'],
      [gif, 'image/gif'],
      [webp, 'image/jpeg'],
      [svg, 'image/svg+xml'],
      [Buffer.from('just text'), 'text/plain'],
      [Buffer.from('{"url":"x"}'), 'application/json'],
      [Buffer.alloc(0), 'image/png'],
    ] as const) {
      expect(refusal(await upload(A.owner, bytes, { type })), type).toEqual([415, 'MEDIA_TYPE_NOT_ALLOWED']);
    }
    expect(refusal(await upload(A.owner, gif, { type: 'application/octet-stream' }))).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
  });

  it('refuses more than 1 MB with its own code, just over and far over', async () => {
    const big = png(620, 600, true);
    expect(big.length).toBeGreaterThan(MAX_IMAGE_BYTES);
    const justOver = Buffer.concat([png(686, 176), Buffer.alloc(MAX_IMAGE_BYTES)]).subarray(
      0,
      MAX_IMAGE_BYTES + 1,
    );
    for (const bytes of [big, justOver, Buffer.concat([big, big, big])]) {
      const r = await upload(A.owner, bytes);
      expect(refusal(r)).toEqual([413, 'MEDIA_TOO_LARGE']);
      expect(r.body.error.message).toBe('图片不能超过 1 MB');
      expect(r.body.error.details).toMatchObject({ maxBytes: MAX_IMAGE_BYTES });
    }
    const exactly = Buffer.concat([png(686, 176), Buffer.alloc(MAX_IMAGE_BYTES)]).subarray(
      0,
      MAX_IMAGE_BYTES,
    );
    expect((await upload(A.owner, exactly)).status).toBe(201);
  });

  it('checks the dimensions for the purpose, each refusal with its own code', async () => {
    const cases: [Buffer, string, number, string][] = [
      [png(300, 176), 'voucher-image', 422, 'MEDIA_DIMENSIONS_TOO_SMALL'],
      [jpeg(686, 60), 'voucher-image', 422, 'MEDIA_DIMENSIONS_TOO_SMALL'],
      [png(5000, 100), 'voucher-image', 422, 'MEDIA_DIMENSIONS_TOO_LARGE'],
      [jpeg(1000, 5000), 'voucher-image', 422, 'MEDIA_DIMENSIONS_TOO_LARGE'],
      [png(80, 80), 'voucher-logo', 422, 'MEDIA_DIMENSIONS_TOO_SMALL'],
      [jpeg(2000, 2000), 'voucher-logo', 422, 'MEDIA_DIMENSIONS_TOO_LARGE'],
      [png(686, 176), 'voucher-logo', 422, 'MEDIA_RATIO_INVALID'],
      [jpeg(100, 130), 'voucher-logo', 422, 'MEDIA_RATIO_INVALID'],
    ];
    for (const [bytes, purpose, status, code] of cases) {
      expect(refusal(await upload(A.owner, bytes, { purpose })), `${purpose} ${code}`).toEqual([
        status,
        code,
      ]);
    }
    const small = await upload(A.owner, png(300, 176));
    expect(small.body.error).toMatchObject({
      message: '图片尺寸过小（300×176），至少需要 343×88',
      details: { width: 300, height: 176, minWidth: 343, minHeight: 88, purpose: 'voucher-image' },
    });
    const wide = await upload(A.owner, png(686, 176), { purpose: 'voucher-logo', lang: 'en' });
    expect(wide.body.error.message).toBe(
      'The logo must be nearly square (width/height 0.8–1.25); this one is 686×176',
    );
    for (const [w, h] of [
      [343, 88],
      [4096, 4096],
    ]) {
      expect((await upload(A.owner, png(w, h))).status).toBe(201);
    }
    for (const [w, h] of [
      [100, 125],
      [1024, 1024],
    ]) {
      expect((await upload(A.owner, jpeg(w, h), { purpose: 'voucher-logo' })).status).toBe(201);
    }
  });

  it('refuses a header it cannot read', async () => {
    const good = png(686, 176);
    const badCrc = Buffer.from(good);
    badCrc[20] ^= 0xff;
    for (const bytes of [
      good.subarray(0, 8),
      good.subarray(0, 24),
      badCrc,
      jpeg(686, 176, false),
      jpeg(686, 176).subarray(0, 30),
      jpeg(0, 176),
      Buffer.from([0xff, 0xd8, 0xff]),
    ]) {
      expect(refusal(await upload(A.owner, bytes))).toEqual([422, 'MEDIA_HEADER_INVALID']);
    }
  });

  it('asks for a purpose it knows', async () => {
    expect(refusal(await upload(A.owner, png(686, 176), { purpose: '' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(refusal(await upload(A.owner, png(686, 176), { purpose: 'avatar' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });
});

describe('who may upload', () => {
  it('owners, managers and keys with vouchers:write; not strangers, verifiers, the operator or read-only keys', async () => {
    const bytes = png(686, 176);
    expect(refusal(await upload(undefined, bytes))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await upload('kqs_not-a-session', bytes))).toEqual([401, 'UNAUTHENTICATED']);
    // Refused before the body is read: a stranger's oversized body is not answered with its size.
    expect(refusal(await upload(undefined, Buffer.alloc(3 * MAX_IMAGE_BYTES)))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect(refusal(await upload(A.verifier, bytes))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await upload(A.op, bytes))).toEqual([403, 'FORBIDDEN']);
    const owner = client(s.app, A.owner);
    const key = async (scopes: string[]) =>
      (await owner.post('/api/v1/api-keys', { name: `media ${scopes}`, scopes })).body.secret as string;
    expect(refusal(await upload(await key(['vouchers:read']), bytes))).toEqual([403, 'FORBIDDEN']);
    const byKey = await upload(await key(['vouchers:write']), bytes);
    expect(byKey.status).toBe(201);
    expect(byKey.body.url.startsWith(`/media/${A.merchant.id}/`)).toBe(true);
  });

  it('keeps each merchant in its own folder', async () => {
    const bytes = png(700, 180);
    const a = await upload(A.owner, bytes);
    const b = await upload(B.owner, bytes);
    expect(a.body.url).toMatch(new RegExp(`^/media/${A.merchant.id}/`));
    expect(b.body.url).toMatch(new RegExp(`^/media/${B.merchant.id}/`));
    expect(b.body.url.split('/').pop()).toBe(a.body.url.split('/').pop());
    expect(
      existsSync(join(s.config.dataDir, 'media', String(B.merchant.id), a.body.url.split('/').pop())),
    ).toBe(true);
    const audit = await searchAudit(s.ctx.db, { merchantId: B.merchant.id, action: 'media.upload' }, 1, 10);
    expect(audit.items.map((x) => x.targetId)).toEqual([b.body.url.slice('/media/'.length)]);
  });
});

describe('serving images', () => {
  it('refuses anything but a well-formed key, and answers 404 for a missing one', async () => {
    const hash = 'a'.repeat(64);
    for (const url of [
      `/media/${A.merchant.id}/..%2F..%2Fkaquan.sqlite`,
      `/media/${A.merchant.id}/..%2Fsecret`,
      `/media/..%2F${A.merchant.id}/${hash}.png`,
      `/media/0/${hash}.png`,
      `/media/abc/${hash}.png`,
      `/media/${A.merchant.id}/${hash.toUpperCase()}.png`,
      `/media/${A.merchant.id}/${hash}.gif`,
      `/media/${A.merchant.id}/${hash}.png%00.txt`,
      `/media/${A.merchant.id}/.upload-0011223344556677`,
    ]) {
      const r = await s.app.inject({ method: 'GET', url });
      expect([r.statusCode, r.json().error.code], url).toEqual([400, 'MEDIA_KEY_INVALID']);
    }
    for (const url of ['/media/../kaquan.sqlite', '/media/../../etc/passwd', '/media/%2e%2e/kaquan.sqlite']) {
      const r = await s.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
    }
    const missing = await s.app.inject({ method: 'GET', url: `/media/${A.merchant.id}/${hash}.png` });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'MEDIA_NOT_FOUND']);
  });
});

describe('templates with uploaded images', () => {
  const template = {
    kind: 'ticket',
    title: '入场券',
    merchantName: '卡券乐园',
    conditions: '凭券入场',
    validity: { kind: 'relative', days: 30 },
    stores: { all: true },
    servicePhone: '021-60000000',
  };

  it('takes an uploaded path or a web address, and nothing else', async () => {
    const owner = client(s.app, A.owner);
    const image = (await upload(A.owner, png(686, 176))).body.url;
    const logo = (await upload(A.owner, jpeg(132, 132), { purpose: 'voucher-logo' })).body.url;
    const t = await owner.post('/api/v1/voucher-templates', { ...template, imageUrl: image, logoUrl: logo });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    expect(t.body).toMatchObject({ imageUrl: image, logoUrl: logo });
    const web = await owner.patch(`/api/v1/voucher-templates/${t.body.id}`, {
      imageUrl: 'https://cdn.example.com/card.png',
      logoUrl: null,
    });
    expect(web.body).toMatchObject({ imageUrl: 'https://cdn.example.com/card.png', logoUrl: null });
    for (const imageUrl of [
      'javascript:alert(1)',
      '/media/../kaquan.sqlite',
      `/media/${A.merchant.id}/${'a'.repeat(64)}.gif`,
      'card.png',
      '',
    ]) {
      const r = await owner.post('/api/v1/voucher-templates', { ...template, imageUrl });
      expect(refusal(r), imageUrl).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});

describe('local storage', () => {
  it('puts, gets and deletes by key, and never touches a path outside its root', async () => {
    const root = join(s.config.dataDir, 'media-unit');
    const storage = localMediaStorage(root);
    const bytes = png(343, 88);
    const key = await storage.put(bytes, { merchantId: 7, contentType: 'image/png' });
    expect(key).toMatch(/^7\/[0-9a-f]{64}\.png$/);
    expect(readImageHeader(bytes)).toEqual({ ok: true, type: 'image/png', width: 343, height: 88 });
    expect((await storage.get(key))?.bytes.equals(bytes)).toBe(true);
    expect(readdirSync(join(root, '7'))).toEqual([key.slice(2)]);
    expect(await storage.get('7/../../x.png')).toBeNull();
    expect(await storage.delete('../7')).toBe(false);
    expect(await storage.delete(key)).toBe(true);
    expect(await storage.delete(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
  });
});
