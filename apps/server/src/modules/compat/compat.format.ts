// Field formats of the seed's /client API (documented in docs/decisions/003-vouchers.md).
import type { CompatVoucherRow } from './compat.repo.ts';

const parts = (ms: number, timeZone: string) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return p as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
};

export const ymd = (ms: number, tz: string) => {
  const p = parts(ms, tz);
  return `${p.year}-${p.month}-${p.day}`;
};
export const ymdhms = (ms: number, tz: string) => {
  const p = parts(ms, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};
/** "2018年11月27 11:44:03", as the seed shows verification times. */
export const cnDateTime = (ms: number, tz: string) => {
  const p = parts(ms, tz);
  return `${p.year}年${p.month}月${p.day} ${p.hour}:${p.minute}:${p.second}`;
};
export const unix = (ms: number | null) => (ms === null ? 0 : Math.floor(ms / 1000));

/** Template kind as the seed's numeric `type`: 0 exchange, 1 cash, 2 discount, 3 ticket. */
export const KIND_CODE: Record<string, number> = { exchange: 0, cash: 1, discount: 2, ticket: 3 };

/** How the holder got it, as the voucher's numeric `type`: 0 issued, 1 bought, 2 received as a gift. */
export const comeCode = (v: CompatVoucherRow, receivedAsGift: boolean) =>
  receivedAsGift ? 2 : v.channel === 'purchase' ? 1 : 0;

/** `deduction`: yuan off for cash vouchers ("10.00"), the 折 for discounts ("9.00" = 9折), else "0.00". */
export function deduction(v: CompatVoucherRow): string {
  if (v.kind === 'cash' && v.amountCents) return (v.amountCents / 100).toFixed(2);
  if (v.kind === 'discount' && v.percentOff) return ((100 - v.percentOff) / 10).toFixed(2);
  return '0.00';
}

export const useWeekList = (flags: string) =>
  [...flags].flatMap((c, i) => (c === '1' ? [String(i + 1)] : [])).join(',');
