export const now = () => Date.now();
export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const weekdayFormat = new Map<string, Intl.DateTimeFormat>();
/** 1 = Monday … 7 = Sunday, in the merchant's time zone. */
export function weekdayIn(timeZone: string, at: number): number {
  let f = weekdayFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
    weekdayFormat.set(timeZone, f);
  }
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(f.format(at)) + 1;
}
