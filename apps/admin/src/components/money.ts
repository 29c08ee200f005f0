// Money travels as integer cents (fen) and rates as basis points; forms speak yuan and percent.
const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** ¥1,234.56 from cents; a discount (negative) reads -¥5.00. */
export function formatMoney(cents: number): string {
  return `${cents < 0 ? '-' : ''}¥${amount.format(Math.abs(cents) / 100)}`;
}

export const yuanToCents = (yuan: number): number => Math.round(yuan * 100);
export const centsToYuan = (cents: number): number => cents / 100;
export const percentToBp = (percent: number): number => Math.round(percent * 100);
export const bpToPercent = (bp: number): number => bp / 100;

/** 1000 bp → "10%", 250 bp → "2.5%". */
export const formatBp = (bp: number): string => `${bpToPercent(bp)}%`;
