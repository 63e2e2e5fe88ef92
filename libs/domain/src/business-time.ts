/**
 * Times people and other systems type into the hub (API filters, `--now`, a posted receivedAt):
 * ISO 8601 read strictly. A time without a zone is Beijing time (UTC+8, no DST), as everywhere in
 * the hub; a bare date is that Beijing day. Impossible dates (2025-02-30, 2025-13-40) are refused
 * instead of rolling over into the next month as JavaScript's Date does.
 */
export interface BusinessTime {
  /** The instant (for a bare date: 00:00 Beijing time of that day). */
  at: Date;
  /** Whether only a date was given (a filter's `to` then means the whole day). */
  dateOnly: boolean;
}

const BEIJING_OFFSET_MIN = 8 * 60;
const DAY_MS = 86_400_000;
const TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** The time, or null when the text is not an ISO 8601 date or time of a real calendar day (years 1900–2999). */
export function parseBusinessTime(text: string): BusinessTime | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = +y, month = +mo, day = +d, hour = +(h ?? 0), minute = +(mi ?? 0), second = +s;
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = zoneMinutes(zone);
  if (offset === null) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000);
  return { at, dateOnly: h === undefined };
}

/** The end (exclusive) a `to` bound means: the next day's start for a bare date, the instant itself otherwise. */
export function endOfBound(t: BusinessTime): Date {
  return t.dateOnly ? new Date(t.at.getTime() + DAY_MS) : t.at;
}

function zoneMinutes(zone: string | undefined): number | null {
  if (!zone) return BEIJING_OFFSET_MIN;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2), minutes = +(digits.slice(2) || 0);
  if (hours > 14 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
