import { NO_TIME_LEFT_WARNING, subDispatchDue } from './sub-dispatch';
import { WorkingCalendar } from './working-calendar';

// Shanghai is UTC+8: 2025-03-07 is a Friday; 2025-03-08/09 the weekend.
const calendar = new WorkingCalendar();
const at = (iso: string) => new Date(iso);

describe('subDispatchDue (二级派单: a share of the desk’s remaining time)', () => {
  it('shares working time only, across a weekend', () => {
    // Desk due Thursday 13 March 24:00; re-dispatched Friday 10:00. Left: Fri 14 h + Mon–Thu 4 × 24 h = 110 h.
    // 0.8 × 110 h = 88 h: Fri 14 h (74 left), skip Sat/Sun, Mon, Tue, Wed 72 h (2 left), Thursday 02:00.
    const due = subDispatchDue({ dueAt: at('2025-03-13T16:00:00Z'), basis: 'working' }, at('2025-03-07T02:00:00Z'), 0.8, calendar);
    expect(due.dueAt.toISOString()).toBe('2025-03-12T18:00:00.000Z');
    expect(due.warnings).toEqual([]);
  });

  it('starts counting on the next working day when dispatched on a weekend', () => {
    // Saturday 10:00, desk due Tuesday 24:00: left Mon + Tue = 48 h; half is 24 h: Monday 24:00.
    const due = subDispatchDue({ dueAt: at('2025-03-11T16:00:00Z'), basis: 'working' }, at('2025-03-08T02:00:00Z'), 0.5, calendar);
    expect(due.dueAt.toISOString()).toBe('2025-03-10T16:00:00.000Z');
  });

  it('shares wall time for a limit in hours, rounded down to the minute', () => {
    // Urgent: 24 h limit, 10 h 1 min left at 0.8: 8 h 0.8 min -> 8 h 0 min.
    const due = subDispatchDue({ dueAt: at('2025-03-08T12:01:00Z'), basis: 'hours' }, at('2025-03-08T02:00:00Z'), 0.8, calendar);
    expect(due.dueAt.toISOString()).toBe('2025-03-08T10:00:00.000Z');
  });

  it('gives the lower unit no time when the desk has none, and says so', () => {
    const start = at('2025-03-14T02:00:00Z');
    const due = subDispatchDue({ dueAt: at('2025-03-13T16:00:00Z'), basis: 'working' }, start, 0.8, calendar);
    expect(due.dueAt.toISOString()).toBe(start.toISOString());
    expect(due.warnings).toEqual([NO_TIME_LEFT_WARNING]);
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => subDispatchDue({ dueAt: at('2025-03-13T16:00:00Z'), basis: 'working' }, at('2025-03-07T02:00:00Z'), 1.2, calendar)).toThrow(/share/);
  });
});
