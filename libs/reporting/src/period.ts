/** Reporting periods: Asia/Shanghai calendar dates, both ends inclusive. */

const OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

export class PeriodError extends Error {
  readonly code = 'BAD_INPUT';
}

export interface Period {
  from: string;
  to: string;
}

function checkDate(name: string, s: string): void {
  const m = DATE_RE.exec(s ?? '');
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) throw new PeriodError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(s)}`);
  // Year 1 or 9999 would push the period's instants out of what dates and SQL can hold.
  if (+m[1] < MIN_YEAR || +m[1] > MAX_YEAR) throw new PeriodError(`${name} must be a date between ${MIN_YEAR} and ${MAX_YEAR}, got ${s}`);
}

export function parsePeriod(from: string, to: string): Period {
  checkDate('from', from);
  checkDate('to', to);
  if (from > to) throw new PeriodError(`from (${from}) is after to (${to})`);
  return { from, to };
}

/** The instant a Shanghai calendar day starts. */
export function shanghaiDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS);
}

export function shanghaiDayOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** [start, end) instants of a period. */
export function periodBounds(p: Period): { start: Date; end: Date } {
  return { start: shanghaiDayStart(p.from), end: shanghaiDayStart(addDays(p.to, 1)) };
}

function yearEarlier(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  // 29 February a year earlier is 28 February.
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The same period one year earlier (同比). */
export function previousYear(p: Period): Period {
  return { from: yearEarlier(p.from), to: yearEarlier(p.to) };
}

/** Days of a period, in order. */
export function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The last day of the day's calendar month. */
export function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * A period as whole calendar months (YYYY-MM, inclusive; null when it spans none) plus the days
 * before and after them: what the monthly rollups cover and what the daily rows must add.
 */
export function splitByMonths(p: Period): { months: Period | null; days: Period[] } {
  const first = p.from.endsWith('-01') ? p.from : addDays(monthEnd(p.from), 1);
  const last = monthEnd(p.to) === p.to ? p.to : addDays(`${p.to.slice(0, 8)}01`, -1);
  if (first > last) return { months: null, days: [p] };
  const days: Period[] = [];
  if (p.from < first) days.push({ from: p.from, to: addDays(first, -1) });
  if (last < p.to) days.push({ from: addDays(last, 1), to: p.to });
  return { months: { from: first.slice(0, 7), to: last.slice(0, 7) }, days };
}
