/**
 * Business time, the one place the hub knows it: Beijing time (Asia/Shanghai), UTC+8 all year.
 * China has had no daylight saving time since 1991, so a fixed offset is exact and needs no
 * time-zone database (and runs the same in Node and in the browser). Stored times are UTC
 * instants (`Date`); a business day is the 'YYYY-MM-DD' text of a Beijing calendar date.
 */
export const BUSINESS_OFFSET_HOURS = 8;
export const BUSINESS_OFFSET_MS = BUSINESS_OFFSET_HOURS * 3_600_000;
/** The offset as ISO 8601 writes it (`+08:00`), for times handed to other systems in Beijing wall time. */
export const BUSINESS_UTC_OFFSET = `+${String(BUSINESS_OFFSET_HOURS).padStart(2, '0')}:00`;
export const DAY_MS = 86_400_000;

/** Years a typed date may name: year 1 or 9999 would push instants out of what dates and SQL hold. */
export const MIN_BUSINESS_YEAR = 1900;
export const MAX_BUSINESS_YEAR = 2999;

// ---- instants and Beijing days ----

/** The Beijing wall-clock time of an instant, ISO 8601 without a zone: `2025-03-02T09:15:00.000`. */
export function toBusinessIso(at: Date): string {
  return new Date(at.getTime() + BUSINESS_OFFSET_MS).toISOString().slice(0, 23);
}

/** The Beijing calendar date of an instant. */
export function businessDate(at: Date): string {
  return toBusinessIso(at).slice(0, 10);
}

/** An instant as people read it in the hub: Beijing time, `2025-03-02 09:15`. */
export function formatBusinessTime(at: Date): string {
  return toBusinessIso(at).slice(0, 16).replace('T', ' ');
}

/**
 * A time limit as people read it, Beijing time: a limit that ends with its last day (00:00 of the
 * next day) is written `2026-12-11 24:00`, not `2026-12-12 00:00`, which reads as one more day.
 * Mails, SMS and the console all write limits with this.
 */
export function formatBusinessDue(at: Date): string {
  const text = formatBusinessTime(at);
  if (!text.endsWith(' 00:00')) return text;
  return `${formatBusinessTime(new Date(at.getTime() - 86_400_000)).slice(0, 10)} 24:00`;
}

/** The instant a Beijing day starts (00:00 Asia/Shanghai). */
export function startOfBusinessDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - BUSINESS_OFFSET_MS);
}

/** The instant of a time of day (`HH:MM`; `24:00` is the end of the day) on a Beijing day. */
export function businessTimeOn(day: string, hhmm: string): Date {
  return new Date(startOfBusinessDay(day).getTime() + clockMs(hhmm));
}

/** `17:30` -> ms after midnight; `24:00` -> a whole day. */
export function clockMs(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day HH:MM: ${hhmm}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

/** Time since the Beijing day of an instant began (0 <= ms < a day). */
export function msIntoBusinessDay(at: Date): number {
  const ms = (at.getTime() + BUSINESS_OFFSET_MS) % DAY_MS;
  return ms < 0 ? ms + DAY_MS : ms;
}

// ---- calendar days ('YYYY-MM-DD') ----

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one date to another (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** The last day of the day's calendar month. */
export function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Whether the text is a date `YYYY-MM-DD` that exists (2025-02-30 and 2025-13-01 do not). */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && existingDay(+m[1], +m[2], +m[3]);
}

function existingDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---- times people and other systems type in ----

/**
 * Times typed into the hub (API filters, `--now`, a posted receivedAt): ISO 8601 read strictly.
 * A time without a zone is Beijing time; a bare date is that Beijing day. Impossible dates
 * (2025-02-30, 2025-13-40) are refused instead of rolling over into the next month as
 * JavaScript's Date does.
 */
export interface BusinessTime {
  /** The instant (for a bare date: 00:00 Beijing time of that day). */
  at: Date;
  /** Whether only a date was given (a filter's `to` then means the whole day). */
  dateOnly: boolean;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** The time, or null when the text is not an ISO 8601 date or time of a real calendar day (years 1900–2999). */
export function parseBusinessTime(text: string): BusinessTime | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const year = +y,
    month = +mo,
    day = +d,
    hour = +(h ?? 0),
    minute = +(mi ?? 0),
    second = +s;
  if (year < MIN_BUSINESS_YEAR || year > MAX_BUSINESS_YEAR || !existingDay(year, month, day)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = zoneMs(zone);
  if (offset === null) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset);
  return { at, dateOnly: h === undefined };
}

/** The end (exclusive) a `to` bound means: the next day's start for a bare date, the instant itself otherwise. */
export function endOfBound(t: BusinessTime): Date {
  return t.dateOnly ? new Date(t.at.getTime() + DAY_MS) : t.at;
}

/** A zone suffix (`Z`, `+08:00`, `-0500`, `+08`) as an offset; none is Beijing time; null when no such zone. */
function zoneMs(zone: string | undefined): number | null {
  if (!zone) return BUSINESS_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2),
    minutes = +(digits.slice(2) || 0);
  if (hours > 14 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
