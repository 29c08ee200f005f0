// Key material for secrets at rest. One master secret (KAQUAN_SECRET, or a file generated into
// the data dir in embedded mode) is stretched with HKDF into one key per purpose.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gcmBatchOpener, gcmBatchSealer } from './gcm.ts';

export interface Keys {
  /** Keyed hash for lookups of secrets (tokens, codes): deterministic, useless without the key. */
  hmac(value: string): string;
  encrypt(plain: string): string;
  /**
   * The same as encrypt for each (bulk imports, generated codes): the IVs drawn in one call, and the
   * messages of one block sealed in one cipher call (`gcm.ts`).
   */
  encryptMany(plains: string[]): string[];
  decrypt(blob: string): string;
  /**
   * decrypt for each (bulk exports), giving the UTF-8 bytes of each plaintext: the key is prepared
   * once, and a caller that writes bytes makes no string (nor a string decoder) per value.
   */
  decryptMany(blobs: string[]): Buffer[];
}

export function loadOrCreateSecret(dataDir: string, log: (msg: string) => void): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  log(
    `KAQUAN_SECRET is not set: generated a master key into ${file}. Back it up with the database; ` +
      'without it encrypted data cannot be read.',
  );
  return secret;
}

// Random bytes for the hot paths, drawn from the CSPRNG 4 KB at a time: one system call per few
// hundred IVs or codes instead of one each. Every slice is handed out once and the pool is then
// replaced, never refilled in place, so a slice a caller still holds never changes.
let pool = Buffer.alloc(0);
let poolOffset = 0;

export function pooledRandom(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    pool = randomBytes(Math.max(4096, n));
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

export function createKeys(secret: string): Keys {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', secret, 'kaquan', `kaquan:${purpose}`, 32) as ArrayBuffer);
  const hmacKey = derive('hmac');
  const aesKey = derive('aes-256-gcm');
  const seal = (plain: string, iv: Buffer) => {
    const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  };
  const aesKeyObject = createSecretKey(aesKey);
  const openMany = gcmBatchOpener(aesKey);
  const sealMany = gcmBatchSealer(aesKey);
  // A message longer than one block (no generated code) is opened on its own, the plaintext as bytes.
  const openOne = (blob: string) => {
    const raw = Buffer.from(blob.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', aesKeyObject, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const head = decipher.update(raw.subarray(28));
    const tail = decipher.final(); // throws when the tag does not match, as decrypt does
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  };
  return {
    hmac: (value) => createHmac('sha256', hmacKey).update(value).digest('base64url'),
    encrypt: (plain) => seal(plain, pooledRandom(12)),
    encryptMany(plains) {
      return sealMany(plains, randomBytes(12 * plains.length), seal);
    },
    decrypt(blob) {
      const raw = Buffer.from(blob.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', aesKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return decipher.update(raw.subarray(28), undefined, 'utf8') + decipher.final('utf8');
    },
    decryptMany(blobs) {
      return openMany(blobs, openOne);
    },
  };
}

export const randomToken = (bytes = 32) => pooledRandom(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
