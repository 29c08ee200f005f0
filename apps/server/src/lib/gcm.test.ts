// The page opener against OpenSSL's own AES-256-GCM: random keys, IVs and messages of every length
// around one block, tampering anywhere refused, and longer messages handed to the one-by-one path.
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gcmBatchOpener } from './gcm.ts';

const seal = (key: Buffer, plain: Buffer) => {
  const iv = randomBytes(12);
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
