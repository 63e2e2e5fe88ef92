/**
 * Business time is Asia/Shanghai: UTC+8 all year (China has had no daylight saving time since
 * 1991), so a fixed offset is exact and needs no time-zone database. Stored times are UTC Dates;
 * a calendar day is a 'YYYY-MM-DD' string of the Shanghai date.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day starts (00:00 Asia/Shanghai). */
export function startOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The instant of a time of day (`HH:MM`, `24:00` is the end of the day) on a Shanghai day. */
export function shanghaiTimeOn(day: string, hhmm: string): Date {
  return new Date(startOfShanghaiDay(day).getTime() + clockMs(hhmm));
}

/** `17:30` -> ms after midnight; `24:00` -> a whole day. */
export function clockMs(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day HH:MM: ${hhmm}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Whole days from one Shanghai date to another (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
