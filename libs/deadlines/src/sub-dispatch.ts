import type { ComputedDue } from './deadline-arithmetic';
import { CalendarWarnings, WorkingCalendar } from './working-calendar';

const MINUTE_MS = 60_000;

/** The desk unit's own reply limit, as its deadline row stores it. */
export interface ParentDue {
  dueAt: Date;
  /** working (counted in working days) | calendar | hours (wall-clock time). */
  basis: 'working' | 'calendar' | 'hours';
}

/** Said to the desk when it re-dispatches with no time left (Chinese: the console shows it). */
export const NO_TIME_LEFT_WARNING = '上级单位办理时限已届满，下级单位办理时限即为派单时刻，请尽快办理';

/**
 * 二级派单: the reply due time of the unit a desk re-dispatches to at `start`: `share` of the
 * time the desk has left until its own due time, measured on the desk's clock and added from
 * `start` on the same clock. A limit in working days counts only working days' time (whole
 * Shanghai days: weekends and holidays stand still), so the lower unit's due time keeps clear of
 * the days off between; a calendar or hours limit counts wall time. The share is rounded down to
 * the whole minute. With no time left, the lower unit is due at once, and the desk is told.
 */
export function subDispatchDue(parent: ParentDue, start: Date, share: number, calendar: WorkingCalendar): ComputedDue {
  if (!(share > 0 && share <= 1)) throw new Error(`subDispatch share must be in (0, 1], got ${share}`);
  const warnings = new CalendarWarnings();
  const working = parent.basis === 'working';
  const remaining = working ? calendar.workingMsBetween(start, parent.dueAt, warnings) : Math.max(0, parent.dueAt.getTime() - start.getTime());
  const given = Math.floor((remaining * share) / MINUTE_MS) * MINUTE_MS;
  if (given <= 0) return { dueAt: new Date(start.getTime()), warnings: [...warnings.messages(), NO_TIME_LEFT_WARNING] };
  const dueAt = working ? calendar.addWorkingTime(start, given, warnings) : new Date(start.getTime() + given);
  return { dueAt, warnings: warnings.messages() };
}
