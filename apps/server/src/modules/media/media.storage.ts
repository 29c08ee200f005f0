// Where uploaded images live. The rest of the server sees only `MediaStorage`; the default keeps
// files on local disk under <dataDir>/media/<merchantId>/<sha256>.<ext>. Files are named by their
// content, so the same image uploaded twice is stored once and a stored file never changes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageType } from './image-header.ts';

export interface StoredMedia {
  bytes: Buffer;
  contentType: ImageType;
}

export interface MediaStorage {
  /** Stores the bytes for the merchant and answers their key, `<merchantId>/<sha256>.<ext>`. */
  put(bytes: Buffer, meta: { merchantId: number; contentType: ImageType }): Promise<string>;
  /** The stored bytes, or null when the key is malformed or nothing is stored under it. */
  get(key: string): Promise<StoredMedia | null>;
  /** Removes the file; false when there was none. */
  delete(key: string): Promise<boolean>;
}

const EXTENSIONS: Record<ImageType, 'png' | 'jpg'> = { 'image/png': 'png', 'image/jpeg': 'jpg' };
const TYPES: Record<string, ImageType> = { png: 'image/png', jpg: 'image/jpeg' };

/** The only shape a key may have: a merchant id, a sha256 in lower-case hex, a known extension. */
const KEY = /^([1-9][0-9]{0,14})\/([0-9a-f]{64})\.(png|jpg)$/;

export interface MediaKey {
  merchantId: number;
  hash: string;
  contentType: ImageType;
}

export function parseMediaKey(key: string): MediaKey | null {
  const m = KEY.exec(key);
  if (!m) return null;
  return { merchantId: Number(m[1]), hash: m[2], contentType: TYPES[m[3]] };
}

export function mediaKeyOf(merchantId: number, bytes: Buffer, contentType: ImageType): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  return `${merchantId}/${hash}.${EXTENSIONS[contentType]}`;
}

export function localMediaStorage(root: string): MediaStorage {
  // Only keys that passed parseMediaKey reach the disk, so a path never leaves the root.
  const pathOf = (k: MediaKey) => join(root, String(k.merchantId), `${k.hash}.${EXTENSIONS[k.contentType]}`);

  return {
    async put(bytes, meta) {
      const key = mediaKeyOf(meta.merchantId, bytes, meta.contentType);
      const dir = join(root, String(meta.merchantId));
      await mkdir(dir, { recursive: true });
      // Written beside the target and renamed over it: a reader sees the whole file or none.
      const temp = join(dir, `.upload-${randomBytes(8).toString('hex')}`);
      const file = await open(temp, 'wx', 0o644);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await rename(temp, pathOf(parseMediaKey(key)!));
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      return key;
    },

    async get(key) {
      const k = parseMediaKey(key);
      if (!k) return null;
      try {
        return { bytes: await readFile(pathOf(k)), contentType: k.contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },

    async delete(key) {
      const k = parseMediaKey(key);
      if (!k) return false;
      try {
        await unlink(pathOf(k));
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
    },
  };
}
