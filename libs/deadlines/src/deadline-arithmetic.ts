import { addDays, businessDate, businessTimeOn, daysBetween, DAY_MS } from '@hub/domain';
import { basisOf, ClockBasis, Duration, durationMs } from './duration';
import { CalendarWarnings, WorkingCalendar } from './working-calendar';

/** How days are counted (policies.yaml `counting`). */
export interface CountingRules {
  /** When the last day ends, Asia/Shanghai: `24:00` or the end of office hours, e.g. `17:30`. */
  dayEnd: string;
  /** A limit in calendar days whose last day is not a working day ends on the next working day. */
  rollToWorkday: boolean;
}
export const DEFAULT_COUNTING: CountingRules = { dayEnd: '24:00', rollToWorkday: true };

/** A due time and what operators must be told about how it was computed. */
export interface ComputedDue {
  dueAt: Date;
  warnings: string[];
}

/**
 * The due time of a limit that starts at `start` (a UTC instant; days are Asia/Shanghai dates).
 *
 * - `30m`, `2h`: `start` plus that much wall time, through nights, weekends and holidays.
 * - `N wd`: the day of receipt is not counted. The limit ends at `dayEnd` of the N-th working
 *   day after the Shanghai date of `start`: received Monday 09:00 with 1wd -> Tuesday 24:00;
 *   received on a Saturday or a holiday -> day 1 is the first working day after it; a 调休
 *   Saturday is a working day like any other.
 * - `N d` (信访工作条例): ends at `dayEnd` of the date N days after receipt, moved to the next
 *   working day when that date is not one (and `rollToWorkday` is on).
 *
 * A working day looked up in a year without holiday data is counted Monday–Friday and a warning
 * names the year.
 */
export function computeDue(start: Date, duration: Duration, calendar: WorkingCalendar, counting: CountingRules = DEFAULT_COUNTING): ComputedDue {
  const warnings = new CalendarWarnings();
  const ms = durationMs(duration);
  if (ms !== null) return { dueAt: new Date(start.getTime() + ms), warnings: [] };
  const received = businessDate(start);
  let last: string;
  if (duration.unit === 'working_days') {
    last = calendar.nthWorkingDayAfter(received, duration.amount, warnings);
  } else {
    last = addDays(received, duration.amount);
    if (counting.rollToWorkday) last = calendar.workingDayOnOrAfter(last, warnings);
  }
  const end = businessTimeOn(last, counting.dayEnd);
  // 0wd / 0d, or an office-hours day end already past on the day of receipt: never before the start.
  const dueAt = end.getTime() < start.getTime() ? new Date(start.getTime()) : end;
  return { dueAt, warnings: warnings.messages() };
}

/** The Shanghai day a due time belongs to: a due at 24:00 belongs to the day that ends then. */
export function dueDay(dueAt: Date): string {
  return businessDate(new Date(dueAt.getTime() - 1));
}

export interface PauseInterval {
  from: Date;
  /** null while the clock still stands. */
  to: Date | null;
}

/** Overlapping pauses (waiting for the requester and for an extension decision at once) count once. */
export function mergePauses(pauses: readonly PauseInterval[], until: Date): Array<{ from: number; to: number }> {
  const spans = pauses
    .map((p) => ({ from: p.from.getTime(), to: (p.to ?? until).getTime() }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => a.from - b.from);
  const out: Array<{ from: number; to: number }> = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && s.from <= prev.to) prev.to = Math.max(prev.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

/**
 * How long the clock stood still, measured as the deadline's clock runs: wall time for a
 * calendar limit, time on working days for a working-day limit (a pause over a weekend costs
 * a working-day limit nothing). An open pause counts up to `until`.
 */
export function pausedTime(pauses: readonly PauseInterval[], basis: ClockBasis, calendar: WorkingCalendar, until: Date, warnings?: CalendarWarnings): number {
  let total = 0;
  for (const p of mergePauses(pauses, until)) {
    total += basis === 'calendar' ? p.to - p.from : calendar.workingMsBetween(new Date(p.from), new Date(p.to), warnings);
  }
  return total;
}

/** Moves a due time later by `ms` of the deadline's clock. */
export function shiftDue(dueAt: Date, ms: number, basis: ClockBasis, calendar: WorkingCalendar, warnings?: CalendarWarnings): Date {
  if (ms <= 0) return new Date(dueAt.getTime());
  return basis === 'calendar' ? new Date(dueAt.getTime() + ms) : calendar.addWorkingTime(dueAt, ms, warnings);
}

export interface PausedDue extends ComputedDue {
  /** The paused time, in the deadline's clock (store it as the deadline's pausedMs). */
  pausedMs: number;
}

/**
 * The effective due time of a limit whose clock stopped during `pauses`: the planned due time
 * moved by the paused time, measured as the deadline's clock runs (see `pausedTime`). Use it
 * on resume with the one pause that just ended, adding `pausedMs` to the stored total.
 */
export function applyPauses(plannedDue: Date, pauses: readonly PauseInterval[], basis: ClockBasis, calendar: WorkingCalendar, until: Date): PausedDue {
  const warnings = new CalendarWarnings();
  const pausedMs = pausedTime(pauses, basis, calendar, until, warnings);
  const dueAt = shiftDue(plannedDue, pausedMs, basis, calendar, warnings);
  return { dueAt, pausedMs, warnings: warnings.messages() };
}

/**
 * An approved extension (延期): N working days (or calendar days, for 信访 letters) from the
 * current due time. Working days keep the time of day and skip days off: Friday 24:00 plus
 * 2wd is Tuesday 24:00. Calendar days roll to the next working day when `rollToWorkday` is on.
 */
export function extendDue(dueAt: Date, by: Duration, calendar: WorkingCalendar, counting: CountingRules = DEFAULT_COUNTING): ComputedDue {
  const warnings = new CalendarWarnings();
  if (basisOf(by) === 'working') {
    return { dueAt: calendar.addWorkingTime(dueAt, by.amount * DAY_MS, warnings), warnings: warnings.messages() };
  }
  const ms = durationMs(by);
  let moved = new Date(dueAt.getTime() + (ms ?? by.amount * DAY_MS));
  if (ms === null && counting.rollToWorkday) {
    const day = dueDay(moved);
    const roll = daysBetween(day, calendar.workingDayOnOrAfter(day, warnings));
    moved = new Date(moved.getTime() + roll * DAY_MS);
  }
  return { dueAt: moved, warnings: warnings.messages() };
}
