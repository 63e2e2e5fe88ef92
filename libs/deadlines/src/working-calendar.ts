import { getDayDetail, getHolidaysInRange } from 'chinese-days';
import { addDays, BUSINESS_OFFSET_MS, DAY_MS, weekday, yearOf } from '@hub/domain';

/** Where official holiday data comes from (a port: the `chinese-days` package, or a test's table). */
export interface HolidayDataSource {
  readonly name: string;
  /** Whether the source has the year's holiday arrangement at all. */
  coversYear(year: number): boolean;
  /** A listed date: a day off or a make-up working day, with its holiday's name; null for an ordinary day. */
  listed(day: string): { working: boolean; name: string } | null;
}

/** A local date-only Date at noon, so the package's local-time formatting gives the same date in any TZ. */
function localNoon(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
}

/**
 * The `chinese-days` package (1.5.7: 2004–2026). Its `getDayDetail` names a listed date
 * "Spring Festival,春节,4"; an ordinary date gets the weekday's English name.
 */
export function chineseDaysSource(): HolidayDataSource {
  const years = new Map<number, boolean>();
  return {
    name: 'chinese-days',
    coversYear(year) {
      let v = years.get(year);
      if (v === undefined) {
        v = getHolidaysInRange(localNoon(`${year}-01-01`), localNoon(`${year}-12-31`), false).length > 0;
        years.set(year, v);
      }
      return v;
    },
    listed(day) {
      const detail = getDayDetail(localNoon(day));
      if (!detail.name.includes(',')) return null;
      return { working: detail.work, name: detail.name.split(',')[1] ?? detail.name };
    },
  };
}

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'make_up_workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** The holiday's name (春节) when the package names it. */
  name: string | null;
  /** Who decided: holidays.yaml, the package, or the plain Monday–Friday rule (with the fixed-date holidays). */
  decidedBy: 'holidays.yaml' | 'package' | 'weekdays';
  /** Whether the year has holiday data (package or holidays.yaml coveredYears). */
  covered: boolean;
}

/** Collects the years a computation touched that have no holiday data, to warn operators. */
export class CalendarWarnings {
  readonly uncoveredYears = new Set<number>();
  messages(): string[] {
    return [...this.uncoveredYears].sort().map(uncoveredYearWarning);
  }
}

/** Operators read it in the console (办理时限) and the API: Chinese, with what to do. */
export function uncoveredYearWarning(year: number): string {
  return (
    `${year}年节假日安排未配置：工作日按周一至周五计算（仅扣除元旦、劳动节、国庆等固定日期的法定假日），` +
    `春节等假期和调休未计入；请在 config/holidays.yaml 录入${year}年安排并将 ${year} 加入 coveredYears`
  );
}

/**
 * Statutory holidays on fixed solar dates (全国年节及纪念日放假办法, 2024): 元旦 1/1, 劳动节 5/1–5/2,
 * 国庆节 10/1–10/3. In a year without holiday data they are still days off; the lunar holidays
 * (春节, 清明, 端午, 中秋) and the 调休 of that year are not known until the State Council's notice.
 */
const FIXED_DATE_HOLIDAYS: Record<string, string> = {
  '01-01': '元旦',
  '05-01': '劳动节',
  '05-02': '劳动节',
  '10-01': '国庆节',
  '10-02': '国庆节',
  '10-03': '国庆节',
};

export interface WorkingCalendarOptions {
  /** Local days off (dates or `from..to` ranges); they win over the package. */
  holidays?: string[] | null;
  /** Local working days (调休); they win over the package. */
  workdays?: string[] | null;
  /** Years holidays.yaml describes completely. */
  coveredYears?: number[] | null;
  /** Official data; null for none (every year then needs coveredYears). */
  source?: HolidayDataSource | null;
}

/** Expands `2027-02-06..2027-02-12` into its days. */
export function expandDates(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const [from, to] = e.split('..');
    if (!to) {
      out.push(from);
      continue;
    }
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  }
  return out;
}

/** Guard against a calendar without working days (a mistyped range): no deadline is 10 years long. */
const MAX_DAYS_SCANNED = 3660;

/**
 * Chinese working days: Monday–Friday, minus statutory holidays, plus 调休 make-up weekend days;
 * holidays.yaml wins over the package. Days are Asia/Shanghai dates ('YYYY-MM-DD').
 */
export class WorkingCalendar {
  private readonly localHolidays: Set<string>;
  private readonly localWorkdays: Set<string>;
  private readonly localYears: Set<number>;
  private readonly source: HolidayDataSource | null;
  private readonly cache = new Map<string, DayInfo>();
  /** Dates listed both as holiday and as working day in holidays.yaml. */
  readonly conflicts: string[];

  constructor(options: WorkingCalendarOptions = {}) {
    this.localHolidays = new Set(expandDates(options.holidays ?? []));
    this.localWorkdays = new Set(expandDates(options.workdays ?? []));
    this.localYears = new Set(options.coveredYears ?? []);
    this.source = options.source === undefined ? chineseDaysSource() : options.source;
    this.conflicts = [...this.localHolidays].filter((d) => this.localWorkdays.has(d)).sort();
  }

  coversYear(year: number): boolean {
    return this.localYears.has(year) || Boolean(this.source?.coversYear(year));
  }

  day(date: string, warnings?: CalendarWarnings): DayInfo {
    let info = this.cache.get(date);
    if (!info) {
      info = this.decide(date);
      this.cache.set(date, info);
    }
    if (!info.covered) warnings?.uncoveredYears.add(yearOf(date));
    return info;
  }

  isWorkingDay(date: string, warnings?: CalendarWarnings): boolean {
    return this.day(date, warnings).working;
  }

  private decide(date: string): DayInfo {
    const covered = this.coversYear(yearOf(date));
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    if (this.localWorkdays.has(date) && !this.localHolidays.has(date)) {
      return { date, working: true, kind: weekend ? 'make_up_workday' : 'weekday', name: null, decidedBy: 'holidays.yaml', covered };
    }
    if (this.localHolidays.has(date)) {
      return { date, working: false, kind: 'holiday', name: null, decidedBy: 'holidays.yaml', covered };
    }
    const listed = this.source?.coversYear(yearOf(date)) ? this.source.listed(date) : null;
    if (listed) {
      const kind: DayKind = listed.working ? (weekend ? 'make_up_workday' : 'weekday') : 'holiday';
      return { date, working: listed.working, kind, name: listed.name, decidedBy: 'package', covered };
    }
    const fixed = covered ? undefined : FIXED_DATE_HOLIDAYS[date.slice(5)];
    if (fixed) return { date, working: false, kind: 'holiday', name: fixed, decidedBy: 'weekdays', covered };
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', name: null, decidedBy: 'weekdays', covered };
  }

  /** Per day number (days since 1970-01-01, Shanghai): working? and covered? — the hot path of every sweep. */
  private readonly fast = new Map<number, { working: boolean; covered: boolean; year: number }>();

  private workingNo(n: number, warnings?: CalendarWarnings): boolean {
    let f = this.fast.get(n);
    if (!f) {
      const info = this.day(dateOfDayNo(n));
      f = { working: info.working, covered: info.covered, year: yearOf(info.date) };
      this.fast.set(n, f);
    }
    if (!f.covered) warnings?.uncoveredYears.add(f.year);
    return f.working;
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: string, warnings?: CalendarWarnings): string {
    const first = dayNoOfDate(date);
    for (let n = first; n < first + MAX_DAYS_SCANNED; n++) {
      if (this.workingNo(n, warnings)) return dateOfDayNo(n);
    }
    throw new Error(`no working day within ${MAX_DAYS_SCANNED} days after ${date}: check config/holidays.yaml`);
  }

  /** The n-th working day after `date`, not counting `date` itself (n = 0 gives `date`). */
  nthWorkingDayAfter(date: string, n: number, warnings?: CalendarWarnings): string {
    const first = dayNoOfDate(date);
    let d = first;
    for (let left = n; left > 0;) {
      if (d - first > MAX_DAYS_SCANNED) throw new Error(`no ${n} working days within ${MAX_DAYS_SCANNED} days after ${date}: check config/holidays.yaml`);
      d++;
      if (this.workingNo(d, warnings)) left--;
    }
    return dateOfDayNo(d);
  }

  /**
   * Time between two instants that falls on working days (whole Shanghai days, 00:00–24:00):
   * the clock of a deadline counted in working days.
   */
  workingMsBetween(from: Date, to: Date, warnings?: CalendarWarnings): number {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a) return 0;
    const firstDay = dayNoOf(a);
    const lastDay = dayNoOf(b);
    if (lastDay - firstDay > MAX_DAYS_SCANNED * 3) throw new Error(`span too long to count working time: ${from.toISOString()} to ${to.toISOString()}`);
    let total = 0;
    for (let n = firstDay; n <= lastDay; n++) {
      if (!this.workingNo(n, warnings)) continue;
      const start = n * DAY_MS - BUSINESS_OFFSET_MS;
      const lo = Math.max(start, a);
      const hi = Math.min(start + DAY_MS, b);
      if (hi > lo) total += hi - lo;
    }
    return total;
  }

  /**
   * The instant after `from` at which `ms` of working time has passed; non-working days are
   * skipped whole, so the time of day is kept (16:00 plus 24 h of working time is 16:00 on the
   * next working day).
   */
  addWorkingTime(from: Date, ms: number, warnings?: CalendarWarnings): Date {
    if (ms <= 0) return new Date(from.getTime());
    let left = ms;
    let cursor = from.getTime();
    const first = dayNoOf(cursor);
    for (let n = first; n < first + MAX_DAYS_SCANNED * 3; n++) {
      const end = (n + 1) * DAY_MS - BUSINESS_OFFSET_MS;
      if (this.workingNo(n, warnings)) {
        const available = end - cursor;
        if (left <= available) return new Date(cursor + left);
        left -= available;
      }
      cursor = end;
    }
    throw new Error(`no working time within ${MAX_DAYS_SCANNED * 3} days after ${from.toISOString()}: check config/holidays.yaml`);
  }
}

/** Shanghai day number of an instant (days since 1970-01-01 in UTC+8). */
function dayNoOf(ms: number): number {
  return Math.floor((ms + BUSINESS_OFFSET_MS) / DAY_MS);
}
function dayNoOfDate(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
function dateOfDayNo(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
