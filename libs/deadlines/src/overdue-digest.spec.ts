import { buildOverdueDigest, DigestDeadline, nextDigestAt } from './overdue-digest';
import { DEFAULT_REMINDER_SETTINGS } from './reminder-ladder';
import { WorkingCalendar } from './working-calendar';

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const calendar = new WorkingCalendar();
const settings = DEFAULT_REMINDER_SETTINGS;

const row = (over: Partial<DigestDeadline>): DigestDeadline => ({
  id: 1,
  ticketId: 1,
  ticketNo: 'QH1',
  unitId: 10,
  unitName: '市城市管理局',
  stage: 'reply',
  dueAt: sh('2026-03-03 00:00'),
  status: 'open',
  pausedAt: null,
  ...over,
});

describe('daily overdue digest', () => {
  const rows: DigestDeadline[] = [
    row({ id: 1, ticketId: 101, dueAt: sh('2026-03-03 00:00'), lastLevelSent: 'escalation' }),
    row({ id: 2, ticketId: 102, dueAt: sh('2026-03-05 00:00') }),
    row({ id: 3, ticketId: 103, unitId: 20, unitName: '市生态环境局', dueAt: sh('2026-03-04 12:00') }),
    row({ id: 4, ticketId: 104, unitId: null, unitName: null, stage: 'dispatch', dueAt: sh('2026-03-04 09:00') }),
    row({ id: 5, ticketId: 105, status: 'met', dueAt: sh('2026-03-01 00:00') }),
    row({ id: 6, ticketId: 106, dueAt: sh('2026-03-06 00:00') }), // due at 24:00 on 3/5: not yet overdue at 08:30
    row({ id: 7, ticketId: 107, dueAt: sh('2026-03-04 00:00'), pausedAt: sh('2026-03-02 10:00') }), // clock stopped before due
    row({ id: 8, ticketId: 108, dueAt: sh('2026-03-04 00:00'), pausedAt: sh('2026-03-04 10:00') }), // paused after it was due
  ];

  it('groups what is overdue at 08:30 per unit, most overdue first, and gives supervisors the whole list', () => {
    const digest = buildOverdueDigest(rows, '2026-03-05', settings, calendar)!;
    expect(digest.at).toEqual(sh('2026-03-05 08:30'));
    expect(digest.units.map((u) => [u.key, u.items.map((i) => i.ticketId)])).toEqual([
      ['digest-unit10-2026-03-05', [101, 108, 102]],
      ['digest-unit20-2026-03-05', [103]],
    ]);
    expect(digest.supervisors.key).toBe('digest-supervisors-2026-03-05');
    expect(digest.supervisors.items.map((i) => i.ticketId)).toEqual([101, 108, 104, 103, 102]);
    expect(digest.supervisors.byUnit).toEqual([
      { unitId: 10, unitName: '市城市管理局', count: 3 },
      { unitId: null, unitName: null, count: 1 },
      { unitId: 20, unitName: '市生态环境局', count: 1 },
    ]);
    const first = digest.units[0].items[0];
    expect(first).toMatchObject({ overdueWorkingDays: 3, escalated: true, overdueMs: (2 * 24 + 8.5) * 3_600_000 });
  });

  it('sends no digest on a day off and the next one on the first working day after Spring Festival', () => {
    expect(buildOverdueDigest(rows, '2026-02-18', settings, calendar)).toBeNull();
    expect(nextDigestAt(sh('2026-02-14 09:00'), settings, calendar)).toEqual({ day: '2026-02-24', at: sh('2026-02-24 08:30') });
    expect(nextDigestAt(sh('2026-02-14 08:00'), settings, calendar)).toEqual({ day: '2026-02-14', at: sh('2026-02-14 08:30') });
    expect(buildOverdueDigest(rows, '2026-02-18', { ...settings, digestDays: 'every' }, calendar)?.units).toEqual([]);
  });

  it('counts overdue working days across the holiday', () => {
    const d = buildOverdueDigest([row({ dueAt: sh('2026-02-13 00:00') })], '2026-02-25', settings, calendar)!;
    // due 2/12 24:00; working days since: 2/13, 2/14 (调休), 2/24, 2/25
    expect(d.units[0].items[0].overdueWorkingDays).toBe(4);
  });
});
