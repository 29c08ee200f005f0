// CSV bytes of an export page, written straight into one buffer from the opened codes' bytes: no
// string per code or line, so a million rows cost little more than the copying.
//
// A generated code is letters and digits only: it needs no formula guard, no quoting and no URL
// escaping, so its line is `serial,code,state,<link>code<close>` as it stands, around a redeem-link
// prefix made safe once per export. Any other code (planted, imported) goes through the general
// rules, cell by cell, as text.
import { safeCell } from './codes.format.ts';

/** A page of a batch as columns: serial, state as shown, and the code's UTF-8 bytes. */
export type CsvPage = { serials: number[]; states: string[]; codes: Buffer[] };

const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvLine = (cells: (string | number)[]) => `${cells.map(csvField).join(',')}\r\n`;

/** Letters and digits only, at least one. */
function isPlain(code: Buffer) {
  if (code.length === 0) return false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** Writes the decimal digits of a non-negative integer at `p`; returns the position after them. */
function writeUint(out: Buffer, p: number, n: number) {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  for (let i = p + digits - 1, x = n; i >= p; i--, x = Math.floor(x / 10)) out[i] = 48 + (x % 10);
  return p + digits;
}

function copy(out: Buffer, p: number, bytes: Uint8Array) {
  for (let i = 0; i < bytes.length; i++) out[p + i] = bytes[i]!;
  return p + bytes.length;
}

const COMMA = 44;

/** Writes the pages of one export, whose redeem links all start with `base`. */
export function csvWriter(base: string) {
  // safeCell looks at the first character only, so for a non-empty base safeCell(base + code) is
  // safeCell(base) + code; a plain code has no quote, comma or line break, so the cell is quoted
  // exactly when the base is, and the code goes just before the closing quote.
  const safeBase = safeCell(base);
  const quotedBase = csvField(safeBase);
  const quoted = quotedBase !== safeBase;
  const open = Buffer.from(quoted ? quotedBase.slice(0, -1) : safeBase);
  const close = Buffer.from(quoted ? '"\r\n' : '\r\n');
  const fast = base !== '';
  // States are a handful of lower-case words, never quoted: their bytes are made once.
  const stateBytes = new Map<string, Buffer>();
  const stateOf = (s: string) => stateBytes.get(s) ?? stateBytes.set(s, Buffer.from(s)).get(s)!;

  return ({ serials, states, codes }: CsvPage): Buffer => {
    // Room for plain lines (serial ≤ 16 digits, state ≤ 16 bytes); an odd line grows the buffer.
    const perRow = 16 + 1 + 2 * (codes[0]?.length ?? 0) + 1 + 16 + 1 + open.length + close.length;
    let out = Buffer.allocUnsafe(codes.length * perRow);
    let p = 0;
    const room = (n: number) => {
      if (p + n <= out.length) return;
      const bigger = Buffer.allocUnsafe(Math.max(2 * out.length, p + n));
      out.copy(bigger, 0, 0, p);
      out = bigger;
    };
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (fast && isPlain(code)) {
        const state = stateOf(states[i]!);
        room(16 + 3 + 2 * code.length + state.length + open.length + close.length);
        p = writeUint(out, p, serials[i]!);
        out[p++] = COMMA;
        p = copy(out, p, code);
        out[p++] = COMMA;
        p = copy(out, p, state);
        out[p++] = COMMA;
        p = copy(out, p, open);
        p = copy(out, p, code);
        p = copy(out, p, close);
      } else {
        const text = code.toString('utf8');
        const line = Buffer.from(
          csvLine([serials[i]!, safeCell(text), states[i]!, safeCell(base + encodeURIComponent(text))]),
        );
        room(line.length);
        p += line.copy(out, p);
      }
    }
    return out.subarray(0, p);
  };
}
