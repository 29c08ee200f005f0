import type { MessageKey, Translate } from '../i18n/index.tsx';

const pad = (n: number) => String(n).padStart(2, '0');

/** 123456789012 → 1234 5678 9012, easy to read aloud at the counter. */
export function groupCode(code: string): string {
  return code.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** A day in the phone's own time zone, as 2025-01-31. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function formatValidity(from: string, until: string): string {
  return `${formatDate(from)} ~ ${formatDate(until)}`;
}

const WEEKDAYS: MessageKey[] = [
  'weekday.1',
  'weekday.2',
  'weekday.3',
  'weekday.4',
  'weekday.5',
  'weekday.6',
  'weekday.7',
];

/** The usable weekdays (1 = Monday), or null when every day is allowed and nothing needs saying. */
export function formatUseWeek(useWeek: number[], t: Translate): string | null {
  const days = [...new Set(useWeek)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (days.length === 0 || days.length === 7) return null;
  return days.map((d) => t(WEEKDAYS[d - 1])).join(t('weekday.separator'));
}

const KINDS: Record<string, MessageKey> = {
  exchange: 'voucherKind.exchange',
  cash: 'voucherKind.cash',
  discount: 'voucherKind.discount',
  ticket: 'voucherKind.ticket',
};

export function voucherKindLabel(kind: string, t: Translate): string {
  const key = KINDS[kind];
  return key ? t(key) : kind;
}
