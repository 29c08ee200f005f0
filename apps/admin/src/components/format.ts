import { useOptionalSession } from '../auth/session.tsx';
import { useLang } from '../i18n/i18n.tsx';

/** Formats instants in the merchant's time zone (the operator sees the browser's), in the console language. */
export function useFormatInstant(): (iso: string | null | undefined) => string {
  const [lang] = useLang();
  const timeZone = useOptionalSession()?.merchant?.timeZone;
  const format = new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  });
  return (iso) => (iso ? format.format(new Date(iso)) : '—');
}

export const TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Bangkok',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
];

function utcOffset(timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(
      new Date(),
    );
    return parts.find((p) => p.type === 'timeZoneName')?.value.replace('GMT', 'UTC') || 'UTC';
  } catch {
    return '';
  }
}

export function timeZoneOptions(current?: string): { value: string; label: string }[] {
  const zones = current && !TIME_ZONES.includes(current) ? [current, ...TIME_ZONES] : TIME_ZONES;
  return zones.map((zone) => ({ value: zone, label: `${zone} (${utcOffset(zone)})` }));
}
