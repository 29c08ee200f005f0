// The export's fast paths against the general rules they stand in for: bulk opening against
// keys.decrypt (tampering included), and CSV bytes written from plain codes against csvLine.
import { describe, expect, it } from 'vitest';
import { createKeys } from '../../lib/keys.ts';
import { safeCell } from './codes.format.ts';
import { csvLine, csvWriter } from './export.csv.ts';

const keys = createKeys('export-test-secret-0123456789abcdef0123456789');

describe('decryptMany', () => {
  it('opens what decrypt opens, whatever the length or characters', () => {
    const plains = [
      'AbCdEfGh1234',
      '',
      '=HYPERLINK(1)',
      '兑换码',
      'x'.repeat(40),
      'y'.repeat(300),
      'Zz09Zz09Zz09',
    ];
    const blobs = keys.encryptMany(plains);
    expect(keys.decryptMany(blobs).map((b) => b.toString('utf8'))).toEqual(blobs.map((b) => keys.decrypt(b)));
    expect(keys.decryptMany(blobs).map((b) => b.toString('utf8'))).toEqual(plains);
  });

  it('refuses a blob changed anywhere, or cut short, after a good one', () => {
    const [good, sealed] = keys.encryptMany(['AbCdEfGh1234', 'QwErTy123456']);
    const raw = Buffer.from(sealed!.slice(3), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i]! ^= 1;
      expect(() => keys.decryptMany([good!, `v1.${bad.toString('base64url')}`])).toThrow();
    }
    for (const n of [0, 11, 27, 28])
      expect(() => keys.decryptMany([good!, `v1.${raw.subarray(0, n).toString('base64url')}`])).toThrow();
  });
});

describe('csvWriter', () => {
  /** The general rules, cell by cell, as the export wrote every line before the fast path. */
  const general = (base: string, serials: number[], states: string[], codes: string[]) =>
    codes
      .map((c, i) => csvLine([serials[i]!, safeCell(c), states[i]!, safeCell(base + encodeURIComponent(c))]))
      .join('');

  it.each([
    ['http://kaquan.test/h5/shop/redeem?code='],
    ['=cmd|"/c calc"!A1,?code='], // a base that needs both the formula guard and quoting
    ['"quoted"\r\nbase='],
    [''],
  ])('writes what the general rules write (base %j)', (base) => {
    const codes = ['AbCdEfGh1234', '=HYPERLINK(1)', '+SUM(A1)', 'a,b', 'say "hi"', '兑换码', '', '0', 'Zz9'];
    const serials = codes.map((_, i) => (i + 1) * 997 ** (i % 3));
    const states = codes.map((_, i) => ['unused', 'redeemed', 'expired'][i % 3]!);
    const write = csvWriter(base);
    const page = { serials, states, codes: codes.map((c) => Buffer.from(c)) };
    expect(write(page).toString('utf8')).toBe(general(base, serials, states, codes));
    // Only plain codes: the page is written by the fast path alone.
    const plain = codes.filter((c) => /^[A-Za-z0-9]+$/.test(c));
    expect(
      write({
        serials: serials.slice(0, plain.length),
        states: states.slice(0, plain.length),
        codes: plain.map((c) => Buffer.from(c)),
      }).toString('utf8'),
    ).toBe(general(base, serials.slice(0, plain.length), states.slice(0, plain.length), plain));
  });
});
