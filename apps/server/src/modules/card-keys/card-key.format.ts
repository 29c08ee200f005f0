// What a card key is in plain text, how it is stored (one encrypted string), how it is masked in
// lists and how one line of an import becomes a key. Plain text exists only in memory.
import type { CardKeyPoolRow } from '../../db/schema.ts';
import type { Keys } from '../../lib/keys.ts';

export type Shape = CardKeyPoolRow['shape'];

export interface PlainKey {
  /** Card number (卡号) for `number_password` pools; null for single-secret pools. */
  number: string | null;
  /** The secret (卡密), or the password of a card number. */
  secret: string;
}

const MAX_FIELD = 500;

const plainOf = (k: PlainKey) => (k.number === null ? k.secret : `${k.number}\t${k.secret}`);

/** The stored form: number and password joined by a tab (neither can contain one), encrypted. */
export const sealKeys = (keys: Keys, list: PlainKey[]) => keys.encryptMany(list.map(plainOf));

export function openKey(keys: Keys, blob: string, shape: Shape): PlainKey {
  const plain = keys.decrypt(blob);
  if (shape === 'secret') return { number: null, secret: plain };
  const tab = plain.indexOf('\t');
  return { number: plain.slice(0, tab), secret: plain.slice(tab + 1) };
}

/**
 * The keyed hash that finds duplicates: the card number identifies a card of a
 * number + password pool (the same number twice is one card); the secret itself otherwise.
 */
export const identityHash = (keys: Keys, k: PlainKey) => keys.hmac(`card-key:${k.number ?? k.secret}`);

function maskPart(s: string): string {
  if (s.length <= 4) return '*'.repeat(s.length);
  const keep = s.length <= 8 ? 1 : s.length <= 12 ? 2 : 3;
  return `${s.slice(0, keep)}****${s.slice(-keep)}`;
}

/** Lists show this: the ends of a secret or card number, never a password. */
export const maskKey = (k: PlainKey) =>
  k.number === null ? maskPart(k.secret) : `${maskPart(k.number)} / ******`;

const HEADER = /^(卡号|卡密|密码|卡号密码|card\s*(no\.?|number|key)?|number|password|secret|key)$/i;

export const isHeaderRow = (fields: string[]) => fields.length > 0 && HEADER.test(fields[0].trim());

/** One row of an import as a key, or the reason it is not one. */
export function rowToKey(shape: Shape, fields: string[]): PlainKey | 'empty' | 'invalid' {
  const f = fields.map((x) => x.trim()).filter((x) => x.length > 0);
  if (f.length === 0) return 'empty';
  if (f.some((x) => x.length > MAX_FIELD || x.includes('\t'))) return 'invalid';
  if (shape === 'secret') return f.length === 1 ? { number: null, secret: f[0] } : 'invalid';
  return f.length === 2 ? { number: f[0], secret: f[1] } : 'invalid';
}

/** Fields of one pasted or TXT line: a single secret is the whole line; a pair is split on space, tab, comma or bar. */
export function textFields(shape: Shape, line: string): string[] {
  const t = line.trim();
  if (shape === 'secret') return [t];
  return t.split(/[\s,，|;；]+/);
}

/** Fields of one CSV line (RFC 4180 quoting; a key never spans lines). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
