import { addDays, daysBetween, isCalendarDay, MAX_BUSINESS_YEAR, MIN_BUSINESS_YEAR, monthEnd, startOfBusinessDay, yearOf } from '@hub/domain';

/** Reporting periods: Beijing calendar dates, both ends inclusive. */

export class PeriodError extends Error {
  readonly code = 'BAD_INPUT';
}

export interface Period {
  from: string;
  to: string;
}

function checkDate(name: string, s: string): void {
  if (!isCalendarDay(s ?? '')) throw new PeriodError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(s)}`);
  if (yearOf(s) < MIN_BUSINESS_YEAR || yearOf(s) > MAX_BUSINESS_YEAR) {
    throw new PeriodError(`${name} must be a date between ${MIN_BUSINESS_YEAR} and ${MAX_BUSINESS_YEAR}, got ${s}`);
  }
}

export function parsePeriod(from: string, to: string): Period {
  checkDate('from', from);
  checkDate('to', to);
  if (from > to) throw new PeriodError(`from (${from}) is after to (${to})`);
  return { from, to };
}

/** The longest period the API's statistics answer at once (its daily series has a row a day). */
export const MAX_API_PERIOD_DAYS = 366;

/** The period, or a PeriodError naming the limit when it is longer than `maxDays` days. */
export function limitPeriod(p: Period, maxDays: number): Period {
  const days = daysBetween(p.from, p.to) + 1;
  if (days > maxDays) throw new PeriodError(`统计区间最长 ${maxDays} 天：${p.from} 至 ${p.to} 共 ${days} 天，请缩短区间（period at most ${maxDays} days）`);
  return p;
}

/** [start, end) instants of a period. */
export function periodBounds(p: Period): { start: Date; end: Date } {
  return { start: startOfBusinessDay(p.from), end: startOfBusinessDay(addDays(p.to, 1)) };
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
