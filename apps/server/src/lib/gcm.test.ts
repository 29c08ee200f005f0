// The page opener and the sealer against OpenSSL's own AES-256-GCM: random keys, IVs and messages of
// every length around one block, the very blobs OpenSSL seals, tampering anywhere refused, and longer
// messages handed to the one-by-one path.
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gcmBatchOpener, gcmBatchSealer } from './gcm.ts';

const seal = (key: Buffer, plain: Buffer | string, iv: Buffer = randomBytes(12)) => {
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain), c.final()]);
  return `v1.${Buffer.concat([iv, c.getAuthTag(), data]).toString('base64url')}`;
};

const openSsl = (key: Buffer) => (blob: string) => {
  const raw = Buffer.from(blob.slice(3), 'base64url');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
};

describe('gcmBatchOpener', () => {
  it('opens what OpenSSL sealed, for random keys and every length up to a block and beyond', () => {
    for (let round = 0; round < 20; round++) {
      const key = randomBytes(32);
      const plains = Array.from({ length: 200 }, () => randomBytes(randomInt(0, 41)));
      const blobs = plains.map((p) => seal(key, p));
      let handedOn = 0;
      const opened = gcmBatchOpener(key)(blobs, (b) => {
        handedOn++;
        return openSsl(key)(b);
      });
      expect(opened.map((b) => b.toString('hex'))).toEqual(plains.map((p) => p.toString('hex')));
      expect(handedOn).toBe(plains.filter((p) => p.length > 16).length);
    }
  });

  it('refuses every flipped bit of a one-block message, and a message sealed under another key', () => {
    const key = randomBytes(32);
    const good = seal(key, Buffer.from('AbCdEfGh1234'));
    const raw = Buffer.from(seal(key, Buffer.from('0123456789012345')).slice(3), 'base64url');
    const open = gcmBatchOpener(key);
    for (let i = 0; i < raw.length * 8; i++) {
      const bad = Buffer.from(raw);
      bad[i >> 3]! ^= 1 << (i & 7);
      expect(() => open([good, `v1.${bad.toString('base64url')}`], openSsl(key))).toThrow();
    }
    expect(() => open([good, seal(randomBytes(32), Buffer.from('AbCdEfGh1234'))], openSsl(key))).toThrow();
    // An empty message has only the tag to check.
    const empty = Buffer.from(seal(key, Buffer.alloc(0)).slice(3), 'base64url');
    empty[20]! ^= 0x80;
    expect(() => open([`v1.${empty.toString('base64url')}`], openSsl(key))).toThrow();
  });
});

/** A random string of `n` characters, some of them outside ASCII (2, 3 and 4 bytes in UTF-8). */
const randomText = (n: number) =>
  Array.from({ length: n }, () => {
    const pick = randomInt(0, 10);
    if (pick === 0) return 'é';
    if (pick === 1) return '卡';
    if (pick === 2) return '🎁';
    return String.fromCharCode(randomInt(0x20, 0x7f));
  }).join('');

describe('gcmBatchSealer', () => {
  it('seals exactly the blobs OpenSSL seals with the same IVs, for every length up to a block and beyond', () => {
    for (let round = 0; round < 20; round++) {
      const key = randomBytes(32);
      const plains = Array.from({ length: 200 }, () => randomText(randomInt(0, 20)));
      const ivs = randomBytes(12 * plains.length);
      const ivOf = (i: number) => ivs.subarray(i * 12, i * 12 + 12);
      let handedOn = 0;
      const sealed = gcmBatchSealer(key)(plains, ivs, (p, iv) => {
        handedOn++;
        return seal(key, p, iv);
      });
      expect(sealed).toEqual(plains.map((p, i) => seal(key, p, ivOf(i))));
      expect(handedOn).toBe(plains.filter((p) => Buffer.byteLength(p) > 16).length);
      expect(handedOn).toBeGreaterThan(0);
      // And back, by OpenSSL and by the opener.
      expect(sealed.map((b) => openSsl(key)(b).toString())).toEqual(plains);
      expect(gcmBatchOpener(key)(sealed, openSsl(key)).map((b) => b.toString())).toEqual(plains);
    }
  });

  it('refuses too few IVs, and seals nothing for no messages', () => {
    const key = randomBytes(32);
    expect(() => gcmBatchSealer(key)(['a', 'b'], randomBytes(23), (p, iv) => seal(key, p, iv))).toThrow();
    expect(gcmBatchSealer(key)([], Buffer.alloc(0), (p, iv) => seal(key, p, iv))).toEqual([]);
  });
});
