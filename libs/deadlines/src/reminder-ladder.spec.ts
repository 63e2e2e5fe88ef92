import { LadderDeadline, ReminderLadder, DEFAULT_REMINDER_SETTINGS, ReminderLevel } from './reminder-ladder';
import { WorkingCalendar } from './working-calendar';

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const calendar = new WorkingCalendar();
const ladder = new ReminderLadder(DEFAULT_REMINDER_SETTINGS, calendar);

// A reply due in 5 working days, received the day before Spring Festival 2026: due Friday 2/27 24:00.
const reply: LadderDeadline = {
  id: 42,
  version: 1,
  stage: 'reply',
  basis: 'working',
  startAt: sh('2026-02-13 10:00'),
  dueAt: sh('2026-02-28 00:00'),
  pausedMs: 0,
  pausedAt: null,
  status: 'open',
  lastLevelSent: null,
};

/** Runs a sweep every `stepMs` from `from` to `to`, storing what each pass decides, as the DB would. */
function sweep(d: LadderDeadline, from: Date, to: Date, stepMs: number) {
  const row = { ...d };
  const sent: Array<{ key: string; level: ReminderLevel; sweptAt: Date; at: Date }> = [];
  for (let t = from.getTime(); t <= to.getTime(); t += stepMs) {
    const now = new Date(t);
    for (let again = 0; again < 2; again++) {
      const decision = ladder.decide(row, now);
      for (const r of decision.send) sent.push({ key: r.key, level: r.level, sweptAt: now, at: r.at });
      row.lastLevelSent = decision.lastLevelSent;
    }
  }
  return sent;
}

describe('reminder ladder', () => {
  it('places yellow and red by working time used, so the holiday does not eat the warning period', () => {
    const s = ladder.schedule(reply).map((x) => [x.level, x.at]);
    expect(s).toEqual([
      // 134 working hours from Friday 10:00: half is 67 h (Fri 14 h, 调休 Sat 24 h, Tue 24 h, Wed 5 h).
      ['yellow', sh('2026-02-25 05:00')],
      ['red', sh('2026-02-26 21:12')],
      ['due', sh('2026-02-28 00:00')],
      ['overdue', sh('2026-02-28 01:00')],
      // one working day after the due time: Saturday 2/28 is a 调休 working day.
      ['escalation', sh('2026-03-01 00:00')],
    ]);
  });

  it('fires each level once, in order, however often the sweep runs', () => {
    const sent = sweep(reply, sh('2026-02-13 10:00'), sh('2026-03-05 00:00'), 20 * 60_000);
    expect(sent.map((s) => s.level)).toEqual(['yellow', 'red', 'due', 'overdue', 'escalation']);
    expect(sent.map((s) => s.key)).toEqual(['42-yellow-v1', '42-red-v1', '42-due-v1', '42-overdue-v1', '42-escalation-v1']);
    for (const s of sent) {
      expect(s.sweptAt.getTime()).toBeGreaterThanOrEqual(s.at.getTime());
      expect(s.sweptAt.getTime() - s.at.getTime()).toBeLessThan(20 * 60_000);
    }
  });

  it('tells the row when to look again: the next level, nothing once the ladder is done', () => {
    expect(ladder.decide(reply, sh('2026-02-20 12:00')).next).toEqual({ level: 'yellow', at: sh('2026-02-25 05:00') });
    const afterYellow = ladder.decide({ ...reply, lastLevelSent: 'yellow' }, sh('2026-02-25 06:00'));
    expect(afterYellow).toMatchObject({ send: [], next: { level: 'red', at: sh('2026-02-26 21:12') } });
    expect(ladder.decide({ ...reply, lastLevelSent: 'escalation' }, sh('2026-03-09 00:00')).next).toBeNull();
    expect(ladder.next(reply, sh('2026-02-14 00:00'))).toEqual({ level: 'yellow', at: sh('2026-02-25 05:00') });
  });

  it('sends nothing and schedules nothing for a met, cancelled or paused deadline', () => {
    const late = sh('2026-03-02 12:00');
    for (const d of [
      { ...reply, status: 'met' },
      { ...reply, status: 'cancelled' },
      { ...reply, pausedAt: sh('2026-02-24 09:00') },
    ]) {
      expect(ladder.decide(d, late)).toEqual({ send: [], skipped: [], lastLevelSent: null, next: null });
    }
  });

  it('after a late first sweep sends the most severe unit level and the escalation, not a burst of stale warnings', () => {
    const d = ladder.decide(reply, sh('2026-03-02 09:00'));
    expect(d.send.map((r) => [r.level, r.audience])).toEqual([
      ['overdue', 'unit'],
      ['escalation', 'supervisors'],
    ]);
    expect(d.skipped).toEqual(['yellow', 'red', 'due']);
    expect(d.lastLevelSent).toBe('escalation');
    const all = new ReminderLadder({ ...DEFAULT_REMINDER_SETTINGS, catchUp: 'all' }, calendar).decide(reply, sh('2026-03-02 09:00'));
    expect(all.send.map((r) => r.level)).toEqual(['yellow', 'red', 'due', 'overdue', 'escalation']);
  });

  it('sends supervisors one mail, not two alike, when a stage without a unit (dispatch) is caught up late', () => {
    const dispatch: LadderDeadline = { ...reply, stage: 'dispatch', unitless: true };
    const late = ladder.decide(dispatch, sh('2026-03-02 09:00'));
    expect(late.send.map((r) => [r.level, r.audience])).toEqual([['escalation', 'supervisors']]);
    expect(late.skipped).toEqual(['yellow', 'red', 'due', 'overdue']);
    // Its warnings, one at a time, go to the supervisors as well.
    const early = ladder.decide(dispatch, sh('2026-02-25 06:00'));
    expect(early.send.map((r) => [r.level, r.audience])).toEqual([['yellow', 'supervisors']]);
  });

  it('gives new keys when the due time moves, and keys without a colon', () => {
    const moved = ladder.decide({ ...reply, id: 'a:7', version: 3, dueAt: sh('2026-03-14 00:00'), lastLevelSent: 'red' }, sh('2026-03-14 00:00'));
    expect(moved.send.map((r) => r.key)).toEqual(['a_7-due-v3']);
  });

  it('ends the ladder at overdue for a stage that does not escalate', () => {
    const ret = { ...reply, stage: 'return_window' };
    expect(ladder.schedule(ret).map((s) => s.level)).toEqual(['yellow', 'red', 'due', 'overdue']);
  });

  it('puts paused time before the warnings, so a pause never brings them earlier', () => {
    // 24 h urgent reply from 08:00, paused 4 h: due moved to 12:00 next day; 24 h allowed.
    const urgent: LadderDeadline = {
      ...reply,
      stage: 'reply',
      basis: 'calendar',
      startAt: sh('2026-03-02 08:00'),
      dueAt: sh('2026-03-03 12:00'),
      pausedMs: 4 * 3_600_000,
    };
    const s = Object.fromEntries(ladder.schedule(urgent).map((x) => [x.level, x.at]));
    expect(s.yellow).toEqual(sh('2026-03-03 00:00'));
    expect(s.red).toEqual(sh('2026-03-03 07:12'));
    expect(s.overdue).toEqual(sh('2026-03-03 13:00'));
  });

  it('warns a 30-minute urgent dispatch at 15 and 24 minutes', () => {
    const dispatch: LadderDeadline = { ...reply, stage: 'dispatch', basis: 'calendar', startAt: sh('2026-03-07 23:50'), dueAt: sh('2026-03-08 00:20') };
    const sent = sweep(dispatch, sh('2026-03-07 23:50'), sh('2026-03-10 12:00'), 60_000);
    expect(sent.map((s) => [s.level, s.sweptAt])).toEqual([
      ['yellow', sh('2026-03-08 00:05')],
      ['red', sh('2026-03-08 00:14')],
      ['due', sh('2026-03-08 00:20')],
      ['overdue', sh('2026-03-08 01:20')],
      // one working day after a due time on a Sunday: the whole of Monday
      ['escalation', sh('2026-03-10 00:00')],
    ]);
  });

  it('follows the configured levels and shares', () => {
    const custom = new ReminderLadder({ ...DEFAULT_REMINDER_SETTINGS, levels: ['red', 'overdue'], red: 0.9, overdueAfter: null }, calendar);
    const calendarReply = { ...reply, basis: 'calendar' as const, startAt: sh('2026-03-02 00:00'), dueAt: sh('2026-03-02 10:00') };
    expect(custom.schedule(calendarReply)).toEqual([
      { level: 'red', at: sh('2026-03-02 09:00') },
      { level: 'overdue', at: sh('2026-03-02 10:00') },
    ]);
  });
});
