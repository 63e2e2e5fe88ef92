import { addDays, businessDate, daysBetween, isCalendarDay, monthEnd, startOfBusinessDay, weekday, yearOf } from '../time/business-time';

/**
 * 零报告 (zero report): a unit to which nothing was dispatched in a period confirms so in writing,
 * and the office lists who confirmed and who did not. Pure: the periods and the words.
 *
 * A period is a Beijing calendar week, Monday to Sunday (key `2026-W10`, ISO week numbering), or a
 * calendar month (key `2026-03`), as `rates.yaml` → `zeroReport.period` says.
 */

export const ZERO_REPORT_PERIOD_KINDS = ['week', 'month'] as const;
export type ZeroReportPeriodKind = (typeof ZERO_REPORT_PERIOD_KINDS)[number];
export const ZERO_REPORT_PERIOD_KIND_LABELS: Record<ZeroReportPeriodKind, string> = { week: '每周', month: '每月' };

/** A unit in a period: it had tickets, confirmed its zero report, or owes one. */
export const ZERO_REPORT_STATUSES = ['tickets', 'confirmed', 'missing'] as const;
export type ZeroReportStatus = (typeof ZERO_REPORT_STATUSES)[number];
export const ZERO_REPORT_STATUS_LABELS: Record<ZeroReportStatus, string> = { tickets: '有工单', confirmed: '已确认零报告', missing: '未确认零报告' };

/** What "no tickets" means, printed beside the list. */
export const ZERO_REPORT_DEFINITION =
  '零报告：本周期内（北京时间，含首尾两日）未向该单位派发任何工单（主办或协办，含改派），由单位确认“本周期无工单”；周期内有派单的单位无需也不能确认。';

export interface ZeroReportPeriod {
  kind: ZeroReportPeriodKind;
  /** `2026-W10` or `2026-03`. */
  key: string;
  /** First and last Beijing day, inclusive. */
  from: string;
  to: string;
  /** 2026年第10周（3月2日至3月8日） / 2026年3月 */
  label: string;
}

export class ZeroReportPeriodError extends Error {
  readonly code = 'BAD_INPUT';
}

const pad = (n: number) => String(n).padStart(2, '0');
const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function mondayOf(day: string): string {
  return addDays(day, -((weekday(day) + 6) % 7));
}

function weekPeriod(monday: string): ZeroReportPeriod {
  const thursday = addDays(monday, 3);
  const year = yearOf(thursday);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  const to = addDays(monday, 6);
  return { kind: 'week', key: `${year}-W${pad(week)}`, from: monday, to, label: `${year}年第${week}周（${md(monday)}至${md(to)}）` };
}

function monthPeriod(first: string): ZeroReportPeriod {
  return { kind: 'month', key: first.slice(0, 7), from: first, to: monthEnd(first), label: `${yearOf(first)}年${Number(first.slice(5, 7))}月` };
}

/** The period of that kind the Beijing day falls in. */
export function zeroReportPeriodOf(kind: ZeroReportPeriodKind, day: string): ZeroReportPeriod {
  return kind === 'week' ? weekPeriod(mondayOf(day)) : monthPeriod(`${day.slice(0, 7)}-01`);
}

/** The period an instant falls in (its Beijing day). */
export function zeroReportPeriodAt(kind: ZeroReportPeriodKind, at: Date): ZeroReportPeriod {
  return zeroReportPeriodOf(kind, businessDate(at));
}

/** The period before. */
export function previousZeroReportPeriod(p: ZeroReportPeriod): ZeroReportPeriod {
  return zeroReportPeriodOf(p.kind, addDays(p.from, -1));
}

/** Reads a period key (`2026-W10` for weeks, `2026-03` for months); a wrong one names the form expected. */
export function parseZeroReportPeriod(kind: ZeroReportPeriodKind, key: string): ZeroReportPeriod {
  const expected = kind === 'week' ? '周（如 2026-W10）' : '月（如 2026-03）';
  const bad = () => new ZeroReportPeriodError(`period 应为${expected}，收到 ${JSON.stringify(key)}`);
  if (kind === 'month') {
    if (!/^\d{4}-\d{2}$/.test(key) || !isCalendarDay(`${key}-01`)) throw bad();
    return monthPeriod(`${key}-01`);
  }
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m || !isCalendarDay(`${m[1]}-01-04`)) throw bad();
  // ISO week 1 is the week with 4 January in it.
  const p = weekPeriod(addDays(mondayOf(`${m[1]}-01-04`), (Number(m[2]) - 1) * 7));
  if (p.key !== key) throw bad();
  return p;
}

/** [start, end) instants of the period (Beijing midnights). */
export function zeroReportBounds(p: ZeroReportPeriod): { start: Date; end: Date } {
  return { start: startOfBusinessDay(p.from), end: startOfBusinessDay(addDays(p.to, 1)) };
}

/** Whether the period has begun at that instant (a zero report for a later one is refused). */
export function zeroReportPeriodStarted(p: ZeroReportPeriod, now: Date): boolean {
  return businessDate(now) >= p.from;
}
