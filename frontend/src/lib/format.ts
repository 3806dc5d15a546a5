import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n';

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

const LOCALES: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };

export function intlLocale(lang: string): string {
  return isLanguage(lang) ? LOCALES[lang] : LOCALES.ja;
}

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A moment shown in the user's zone, e.g. 2026/01/05 9:04 (ja) or 5 Jan 2026, 09:04 (en). */
export function formatDateTime(value: string | Date, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(toDate(value));
}

export function formatDate(value: string | Date, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeZone }).format(toDate(value));
}

/** A calendar date without time (`YYYY-MM-DD`, e.g. an expiry date), the same day in every zone. */
export function formatDay(day: string, lang: string): string {
  return formatDate(`${day.slice(0, 10)}T00:00:00Z`, lang, 'UTC');
}

/** Today's calendar date (`YYYY-MM-DD`) in the zone. */
export function todayInZone(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(value);
}

export function formatYen(value: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'JPY', currencyDisplay: 'narrowSymbol' }).format(value);
}

/** The zone of the signed-in user (GET /auth/me `time_zone`); Asia/Tokyo until it is known. */
export const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

export function useFormat() {
  const { i18n } = useTranslation();
  const timeZone = useContext(TimeZoneContext);
  const lang = i18n.language;
  return useMemo(
    () => ({
      timeZone,
      dateTime: (v: string | Date) => formatDateTime(v, lang, timeZone),
      date: (v: string | Date) => formatDate(v, lang, timeZone),
      day: (v: string) => formatDay(v, lang),
      today: () => todayInZone(timeZone),
      number: (v: number) => formatNumber(v, lang),
      yen: (v: number) => formatYen(v, lang),
    }),
    [lang, timeZone],
  );
}

/** The IANA zones this browser knows, for time-zone pickers. */
export function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [DEFAULT_TIME_ZONE, 'UTC'];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

/** Minutes the zone is ahead of UTC at that instant (e.g. +540 for Asia/Tokyo). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
}

/** The instant (ISO 8601, UTC) at which calendar day `YYYY-MM-DD` begins in the zone. */
export function startOfDayInZone(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall - zoneOffsetMinutes(wall, timeZone) * 60000;
  const corrected = wall - zoneOffsetMinutes(instant, timeZone) * 60000; // across a DST change
  if (corrected !== instant) instant = corrected;
  return new Date(instant).toISOString();
}

/** `YYYY-MM-DD` plus n calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The wall time `YYYY-MM-DDTHH:mm` of an instant in the zone: the value of an `<input type="datetime-local">`. */
export function wallTimeInZone(value: string | Date, timeZone: string): string {
  const instant = toDate(value).getTime();
  return new Date(instant + zoneOffsetMinutes(instant, timeZone) * 60000).toISOString().slice(0, 16);
}

/** The instant (ISO 8601, UTC) of a wall time `YYYY-MM-DDTHH:mm` in the zone; null when the text is no such time. */
export function instantOfWallTime(wall: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc) || new Date(asUtc).getUTCDate() !== d) return null;
  let instant = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60000;
  const corrected = asUtc - zoneOffsetMinutes(instant, timeZone) * 60000; // across a DST change
  if (corrected !== instant) instant = corrected;
  return new Date(instant).toISOString();
}
