import { applyPauses, computeDue, dueDay, extendDue, pausedTime } from './deadline-arithmetic';
import { uncoveredYearWarning, WorkingCalendar } from './working-calendar';

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const H = 3_600_000;
const calendar = new WorkingCalendar();

describe('pauses and extensions', () => {
  // Reply within 5 working days from Monday 2026-03-02: due Monday 3/9 at 24:00.
  const start = sh('2026-03-02 09:00');
  const planned = computeDue(start, { unit: 'working_days', amount: 5 }, calendar).dueAt;

  it('plans the reply of a Monday ticket for the next Monday at 24:00', () => {
    expect(planned).toEqual(sh('2026-03-10 00:00'));
    expect(dueDay(planned)).toBe('2026-03-09');
  });

  it('moves a working-day deadline by the paused working time', () => {
    const r = applyPauses(planned, [{ from: sh('2026-03-04 10:00'), to: sh('2026-03-04 16:00') }], 'working', calendar, sh('2026-03-05 00:00'));
    expect(r.pausedMs).toBe(6 * H);
    expect(r.dueAt).toEqual(sh('2026-03-10 06:00'));
  });

  it('does not move a working-day deadline for a pause over the weekend only', () => {
    const r = applyPauses(planned, [{ from: sh('2026-03-07 10:00'), to: sh('2026-03-08 20:00') }], 'working', calendar, sh('2026-03-09 00:00'));
    expect(r).toMatchObject({ pausedMs: 0, dueAt: planned });
  });

  it('counts only the working part of a pause from Friday evening to Monday morning', () => {
    const r = applyPauses(planned, [{ from: sh('2026-03-06 18:00'), to: sh('2026-03-09 09:00') }], 'working', calendar, sh('2026-03-09 09:00'));
    expect(r.pausedMs).toBe((6 + 9) * H);
    expect(r.dueAt).toEqual(sh('2026-03-10 15:00'));
  });

  it('counts overlapping pauses once and an open pause up to now', () => {
    const pauses = [
      { from: sh('2026-03-03 10:00'), to: sh('2026-03-03 14:00') },
      { from: sh('2026-03-03 12:00'), to: sh('2026-03-03 16:00') },
      { from: sh('2026-03-04 09:00'), to: null },
    ];
    expect(pausedTime(pauses, 'working', calendar, sh('2026-03-04 10:00'))).toBe(7 * H);
  });

  it('moves an hour limit by the paused wall time, weekend or not', () => {
    const due = computeDue(sh('2026-03-07 10:00'), { unit: 'hours', amount: 24 }, calendar).dueAt;
    const r = applyPauses(due, [{ from: sh('2026-03-07 12:00'), to: sh('2026-03-07 15:00') }], 'calendar', calendar, sh('2026-03-07 15:00'));
    expect(r.dueAt).toEqual(sh('2026-03-08 13:00'));
  });

  it('pushes a paused deadline across Spring Festival to the working days after it', () => {
    // Due Friday 2/13 at 24:00; paused 8 working hours: Saturday 2/14 is a 调休 working day.
    const r = applyPauses(sh('2026-02-14 00:00'), [{ from: sh('2026-02-12 09:00'), to: sh('2026-02-12 17:00') }], 'working', calendar, sh('2026-02-12 17:00'));
    expect(r.dueAt).toEqual(sh('2026-02-14 08:00'));
    const r2 = applyPauses(sh('2026-02-14 00:00'), [{ from: sh('2026-02-12 00:00'), to: sh('2026-02-13 08:00') }], 'working', calendar, sh('2026-02-13 08:00'));
    expect(r2.dueAt).toEqual(sh('2026-02-24 08:00'));
  });

  it('extends by N working days from the current due time, skipping the holiday', () => {
    // Due Friday 2/13 24:00 + 10wd: 2/14, 2/24–2/27, 2/28, 3/2–3/5.
    expect(extendDue(sh('2026-02-14 00:00'), { unit: 'working_days', amount: 10 }, calendar)).toEqual({ dueAt: sh('2026-03-06 00:00'), warnings: [] });
    expect(extendDue(sh('2026-03-10 06:00'), { unit: 'working_days', amount: 1 }, calendar).dueAt).toEqual(sh('2026-03-11 06:00'));
  });

  it('extends a letter by calendar days and rolls a last day in National Day to the first working day after', () => {
    expect(extendDue(sh('2026-09-04 00:00'), { unit: 'days', amount: 30 }, calendar).dueAt).toEqual(sh('2026-10-09 00:00'));
    expect(extendDue(sh('2026-09-04 00:00'), { unit: 'days', amount: 30 }, calendar, { dayEnd: '24:00', rollToWorkday: false }).dueAt).toEqual(
      sh('2026-10-04 00:00'),
    );
  });

  it('warns when an extension reaches into a year without a calendar', () => {
    expect(extendDue(sh('2026-12-25 00:00'), { unit: 'working_days', amount: 10 }, calendar).warnings).toEqual([uncoveredYearWarning(2027)]);
  });
});
