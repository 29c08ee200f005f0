// Code formats (S0.2) and the generator: 12 characters drawn from a cryptographic source with
// rejection sampling, so every character of the alphabet is equally likely (no modulo bias).
import { randomBytes } from 'node:crypto';
import type { CodeFormat } from '../../db/schema.ts';

export const CODE_LENGTH = 12;

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const ALPHABETS: Record<CodeFormat, string> = {
  mixed: `${LETTERS}${DIGITS}`,
  // For printed cards: no 0/O, 1/l/I.
  mixed_clear: `${LETTERS}${DIGITS}`.replace(/[0O1lI]/g, ''),
  digits: DIGITS,
};

/** How many codes a format can hold. */
export const spaceOf = (format: CodeFormat) => ALPHABETS[format].length ** CODE_LENGTH;

/** Makes `n` codes of the format. */
export function generateCodes(format: CodeFormat, n: number): string[] {
  const alphabet = Buffer.from(ALPHABETS[format], 'latin1');
  const size = alphabet.length;
  // Bytes at or above `limit` are thrown away: below it, b % size is uniform.
  const limit = 256 - (256 % size);
  const out: string[] = new Array(n);
  const code = Buffer.alloc(CODE_LENGTH);
  let pool = randomBytes(Math.ceil(n * CODE_LENGTH * 1.3) + 64);
  let p = 0;
  for (let i = 0; i < n; i++) {
    let k = 0;
    while (k < CODE_LENGTH) {
      if (p >= pool.length) {
        pool = randomBytes(4096);
        p = 0;
      }
      const b = pool[p++]!;
      if (b < limit) code[k++] = alphabet[b % size]!;
    }
    out[i] = code.toString('latin1');
  }
  return out;
}

/** Whether a string could be a code of any format (cheap filter before any lookup). */
export const looksLikeCode = (s: string) => /^[A-Za-z0-9]{12}$/.test(s);

/** What a guesser's odds look like once a library holds `unused` live codes. */
export function guessOdds(format: CodeFormat, unused: number) {
  const perGuess = unused / spaceOf(format);
  // Digits-only libraries get dense fastest; above one in a million per guess, the admin is told.
  return { perGuess, oneIn: perGuess > 0 ? Math.round(1 / perGuess) : null, warn: perGuess >= 1e-6 };
}

/** A cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
export const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
