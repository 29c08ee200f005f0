// Opening and sealing many short AES-256-GCM messages in one cipher call (bulk exports and
// generation of codes).
//
// Asking OpenSSL for one cipher per message costs a cipher fetch, two buffers and a tag per code:
// most of an export's time, and most of the app's time per generated code. For a message of at most one block (every generated code) GCM
// is small enough to do for a whole page at once (NIST SP 800-38D, 96-bit IV):
//   - keystream and tag mask: AES of the counter blocks IV‖2 and IV‖1 of every message, all in one
//     AES-ECB call, which OpenSSL runs on the CPU's AES instructions;
//   - plaintext: ciphertext XOR keystream (sealing: ciphertext = plaintext XOR keystream);
//   - tag: GHASH_H(C ‖ lengths) XOR AES(IV‖1), with H = AES(0¹²⁸), compared with the stored tag
//     (sealing: stored).
//     GHASH multiplies by the fixed H through tables made once per key (16 × 256 entries: the
//     product of every byte value at every position), so a product is 16 lookups.
// Longer messages are handed to the caller's one-by-one path. `gcm.test.ts` checks both against
// OpenSSL's own GCM: random keys, IVs and lengths, the same blobs sealed, every tampered byte refused.
import { createCipheriv } from 'node:crypto';

const IV = 12;
const TAG = 16;
const HEAD = IV + TAG;
/** The longest message opened here: one AES block. */
const MAX_DATA = 16;

/** Raw blob layout: IV (12) ‖ tag (16) ‖ ciphertext. */
export type OpenOne = (blob: string) => Buffer;
/** Seals one message with the IV given (`v1.` + base64url of IV ‖ tag ‖ ciphertext). */
export type SealOne = (plain: string, iv: Buffer) => string;

/** T[((j * 256 + b) * 4) + w]: word w (big-endian 32-bit) of (b · x^(8j)) · H, GCM's bit order. */
function ghashTables(h: Buffer): Uint32Array {
  // V[i] = x^i · H: H shifted right i times, reduced by R = 0xE1 ‖ 0¹²⁰ when a bit falls off.
  const v = new Uint32Array(128 * 4);
  let w0 = h.readUInt32BE(0);
  let w1 = h.readUInt32BE(4);
  let w2 = h.readUInt32BE(8);
  let w3 = h.readUInt32BE(12);
  for (let i = 0; i < 128; i++) {
    v[i * 4] = w0;
    v[i * 4 + 1] = w1;
    v[i * 4 + 2] = w2;
    v[i * 4 + 3] = w3;
    const carry = w3 & 1;
    w3 = ((w3 >>> 1) | (w2 << 31)) >>> 0;
    w2 = ((w2 >>> 1) | (w1 << 31)) >>> 0;
    w1 = ((w1 >>> 1) | (w0 << 31)) >>> 0;
    w0 = (w0 >>> 1) ^ (carry ? 0xe1000000 : 0);
  }
  const t = new Uint32Array(16 * 256 * 4);
  for (let j = 0; j < 16; j++) {
    for (let b = 1; b < 256; b++) {
      // The lowest set bit of b (bit k from the top of the byte) is x^(8j + k); the rest is known.
      const low = b & -b;
      const k = 7 - Math.log2(low);
      const rest = (j * 256 + (b ^ low)) * 4;
      const at = (j * 256 + b) * 4;
      const vi = (8 * j + k) * 4;
      for (let w = 0; w < 4; w++) t[at + w] = t[rest + w]! ^ v[vi + w]!;
    }
  }
  return t;
}

/** x ← x · H, through the tables of H. */
function mulH(t: Uint32Array, x: Uint32Array) {
  let r0 = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  for (let w = 0; w < 4; w++) {
    const word = x[w]!;
    for (let s = 0; s < 4; s++) {
      const at = ((w * 4 + s) * 256 + ((word >>> (24 - 8 * s)) & 0xff)) * 4;
      r0 ^= t[at]!;
      r1 ^= t[at + 1]!;
      r2 ^= t[at + 2]!;
      r3 ^= t[at + 3]!;
    }
  }
  x[0] = r0;
  x[1] = r1;
  x[2] = r2;
  x[3] = r3;
}

/**
 * x ← GHASH over no associated data, the `len` (≤ 16) bytes of ciphertext at `data[at]` zero-padded
 * to a block, then the lengths block (0 bits of AAD ‖ 8·len bits of ciphertext). `block` is scratch.
 */
function ghashOne(t: Uint32Array, x: Uint32Array, data: Buffer, at: number, len: number, block: Buffer) {
  x.fill(0);
  if (len > 0) {
    block.fill(0);
    data.copy(block, 0, at, at + len);
    x[0] = block.readUInt32BE(0);
    x[1] = block.readUInt32BE(4);
    x[2] = block.readUInt32BE(8);
    x[3] = block.readUInt32BE(12);
    mulH(t, x);
  }
  x[3] = (x[3]! ^ (len * 8)) >>> 0;
  mulH(t, x);
}

/** AES-256-ECB without padding under `key`, and the GHASH tables of H = AES(0¹²⁸), made on first use. */
function gcmCore(key: Buffer) {
  let tables: Uint32Array | null = null;
  const ecb = (blocks: Buffer) => {
    const c = createCipheriv('aes-256-ecb', key, null);
    c.setAutoPadding(false);
    return c.update(blocks);
  };
  return {
    ecb,
    tables: () => {
      tables ??= ghashTables(ecb(Buffer.alloc(16)));
      return tables;
    },
  };
}

/** Counter blocks IV‖1 and IV‖2 for message i, from the IV at `src[at]`. */
function setCounters(counters: Buffer, i: number, src: Buffer, at: number) {
  src.copy(counters, i * 32, at, at + IV);
  counters[i * 32 + 15] = 1;
  src.copy(counters, i * 32 + 16, at, at + IV);
  counters[i * 32 + 31] = 2;
}

export function gcmBatchOpener(key: Buffer) {
  const core = gcmCore(key);
  const x = new Uint32Array(4);

  /**
   * The plaintext bytes of each blob (`v1.` + base64url of IV ‖ tag ‖ ciphertext). Throws, as
   * OpenSSL does, when any tag does not match.
   */
  return function openMany(blobs: string[], openOne: OpenOne): Buffer[] {
    const t = core.tables();
    const n = blobs.length;
    const slot = HEAD + MAX_DATA + 4; // room for base64 rounding; the decoded length is checked
    const raw = Buffer.allocUnsafe(n * slot);
    const lens = new Int32Array(n); // ciphertext length, or -1: the one-by-one path
    const counters = Buffer.alloc(n * 32);
    for (let i = 0; i < n; i++) {
      const b64 = blobs[i]!.slice(3);
      const max = Math.floor((b64.length * 3) / 4);
      const at = i * slot;
      const got = max <= HEAD + MAX_DATA ? raw.write(b64, at, slot, 'base64url') : -1;
      if (got < HEAD || got > HEAD + MAX_DATA) {
        lens[i] = -1;
        continue;
      }
      lens[i] = got - HEAD;
      setCounters(counters, i, raw, at);
    }
    const masks = core.ecb(counters); // AES(IV‖1), AES(IV‖2) per blob
    const plain = Buffer.allocUnsafe(n * MAX_DATA);
    const out = new Array<Buffer>(n);
    const block = Buffer.alloc(16);
    for (let i = 0; i < n; i++) {
      const len = lens[i]!;
      if (len < 0) {
        out[i] = openOne(blobs[i]!);
        continue;
      }
      const data = i * slot + HEAD;
      const ks = i * 32 + 16;
      const p = i * MAX_DATA;
      for (let k = 0; k < len; k++) plain[p + k] = raw[data + k]! ^ masks[ks + k]!;
      ghashOne(t, x, raw, data, len, block);
      const tag = i * slot + IV;
      const mask = i * 32;
      let diff = 0;
      for (let w = 0; w < 4; w++)
        diff |= (x[w]! ^ masks.readUInt32BE(mask + 4 * w) ^ raw.readUInt32BE(tag + 4 * w)) >>> 0;
      if (diff !== 0) throw new Error('Unsupported state or unable to authenticate data');
      out[i] = plain.subarray(p, p + len);
    }
    return out;
  };
}

/**
 * Seals many messages at once, message i with the 12 bytes at `ivs[12·i]`: the same blobs as
 * OpenSSL's AES-256-GCM with those IVs (`v1.` + base64url of IV ‖ tag ‖ ciphertext). A message of
 * more than one block (no generated code) is handed to `sealOne`.
 */
export function gcmBatchSealer(key: Buffer) {
  const core = gcmCore(key);
  const x = new Uint32Array(4);
  return function sealMany(plains: string[], ivs: Buffer, sealOne: SealOne): string[] {
    const t = core.tables();
    const n = plains.length;
    if (ivs.length < n * IV) throw new Error(`${n} messages need ${n * IV} bytes of IV`);
    const slot = HEAD + MAX_DATA;
    const raw = Buffer.allocUnsafe(n * slot);
    const lens = new Int32Array(n);
    const counters = Buffer.alloc(n * 32);
    for (let i = 0; i < n; i++) {
      const len = Buffer.byteLength(plains[i]!, 'utf8');
      if (len > MAX_DATA) {
        lens[i] = -1;
        continue;
      }
      lens[i] = len;
      const at = i * slot;
      ivs.copy(raw, at, i * IV, i * IV + IV);
      raw.write(plains[i]!, at + HEAD, len, 'utf8');
      setCounters(counters, i, ivs, i * IV);
    }
    const masks = core.ecb(counters); // AES(IV‖1), AES(IV‖2) per message
    const out = new Array<string>(n);
    const block = Buffer.alloc(16);
    for (let i = 0; i < n; i++) {
      const len = lens[i]!;
      if (len < 0) {
        out[i] = sealOne(plains[i]!, ivs.subarray(i * IV, i * IV + IV));
        continue;
      }
      const at = i * slot;
      const data = at + HEAD;
      const ks = i * 32 + 16;
      for (let k = 0; k < len; k++) raw[data + k] = raw[data + k]! ^ masks[ks + k]!;
      ghashOne(t, x, raw, data, len, block);
      for (let w = 0; w < 4; w++)
        raw.writeUInt32BE((x[w]! ^ masks.readUInt32BE(i * 32 + 4 * w)) >>> 0, at + IV + 4 * w);
      out[i] = `v1.${raw.toString('base64url', at, data + len)}`;
    }
    return out;
  };
}
