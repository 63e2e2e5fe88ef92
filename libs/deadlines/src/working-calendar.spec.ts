import { isWorkday } from 'chinese-days';
import { computeDue } from './deadline-arithmetic';
import { calendarFromHolidays } from './load-deadline-policies';
import { addDays } from '@hub/domain';
import { HolidayDataSource, WorkingCalendar } from './working-calendar';

/** An instant given as Asia/Shanghai wall time. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const wd = (amount: number) => ({ unit: 'working_days' as const, amount });

describe('working calendar (chinese-days plus holidays.yaml)', () => {
  const calendar = new WorkingCalendar();

  it('takes Spring Festival 2026 off and works its 调休 Saturdays', () => {
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'])
      expect(calendar.day(d)).toMatchObject({ working: false, kind: 'holiday', name: '春节' });
    expect(calendar.day('2026-02-14')).toMatchObject({ working: true, kind: 'make_up_workday', decidedBy: 'package' });
    expect(calendar.day('2026-02-28')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('takes National Day 2025 and 2026 off and works their 调休 weekend days', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) expect(calendar.isWorkingDay(d)).toBe(false);
    expect(calendar.day('2025-09-28')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(calendar.day('2025-10-11')).toMatchObject({ working: true, kind: 'make_up_workday' });
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) expect(calendar.isWorkingDay(d)).toBe(false);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.day('2026-09-20')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(calendar.day('2026-10-10')).toMatchObject({ working: true, kind: 'make_up_workday' });
  });

  it('agrees with the package API on every day of 2025 and 2026', () => {
    const disagree: string[] = [];
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const [y, m, day] = d.split('-').map(Number);
      if (calendar.isWorkingDay(d) !== isWorkday(new Date(y, m - 1, day, 12))) disagree.push(d);
    }
    expect(disagree).toEqual([]);
  });

  it('counts a ticket received the day before Spring Festival 2026 with 5 working days to the Friday after, the 调休 Saturday included', () => {
    const r = computeDue(sh('2026-02-13 10:00'), wd(5), calendar);
    // 2/14 (调休 Saturday) is day 1; 2/24–2/27 days 2–5.
    expect(r.dueAt).toEqual(sh('2026-02-28 00:00'));
    expect(r.warnings).toEqual([]);
  });

  it('counts a ticket received on the eve of National Day 2025 past the holiday, with Saturday 10/11 as a working day', () => {
    // 10/9, 10/10, 10/11 (调休), 10/13, 10/14: without the 调休 Saturday it would be 10/15.
    expect(computeDue(sh('2025-09-30 15:00'), wd(5), calendar).dueAt).toEqual(sh('2025-10-15 00:00'));
    expect(computeDue(sh('2026-09-30 15:00'), wd(5), calendar).dueAt).toEqual(sh('2026-10-14 00:00'));
  });

  it('does not count the day of receipt, even when it is a 调休 working Saturday', () => {
    expect(computeDue(sh('2026-02-14 09:00'), wd(1), calendar).dueAt).toEqual(sh('2026-02-25 00:00'));
    expect(computeDue(sh('2026-03-02 08:00'), wd(1), calendar).dueAt).toEqual(sh('2026-03-04 00:00'));
  });

  it('uses the Shanghai date of receipt, not the UTC one', () => {
    // 2026-03-02 23:30 UTC is Tuesday 3/3 07:30 in Shanghai: day 1 is Wednesday.
    expect(computeDue(new Date('2026-03-02T23:30:00Z'), wd(1), calendar).dueAt).toEqual(sh('2026-03-05 00:00'));
  });

  it('ends the last day at office close when dayEnd says so', () => {
    expect(computeDue(sh('2026-03-02 08:00'), wd(1), calendar, { dayEnd: '17:30', rollToWorkday: true }).dueAt).toEqual(sh('2026-03-03 17:30'));
  });

  it('warns operators, in Chinese, instead of silently counting Monday–Friday in a year no calendar covers', () => {
    const r = computeDue(sh('2026-12-28 10:00'), wd(5), calendar);
    // 12/29, 12/30, 12/31, (元旦 1/1 is a day off by law whatever the year's notice says), 1/4, 1/5.
    expect(r.dueAt).toEqual(sh('2027-01-06 00:00'));
    expect(r.warnings).toEqual([
      '2027年节假日安排未配置：工作日按周一至周五计算（仅扣除元旦、劳动节、国庆等固定日期的法定假日），春节等假期和调休未计入；' +
        '请在 config/holidays.yaml 录入2027年安排并将 2027 加入 coveredYears',
    ]);
    expect(computeDue(sh('2030-05-06 10:00'), wd(2), calendar).warnings.join()).toMatch(/^2030年节假日安排未配置/);
    expect(calendar.coversYear(2026)).toBe(true);
    expect(calendar.coversYear(2027)).toBe(false);
  });

  it('gives no warning for calendar-hour limits, which never look at the calendar', () => {
    expect(computeDue(sh('2026-12-31 20:00'), { unit: 'hours', amount: 24 }, calendar)).toEqual({ dueAt: sh('2027-01-01 20:00'), warnings: [] });
  });

  it('lets holidays.yaml cover a year and override the package', () => {
    const local = calendarFromHolidays({
      coveredYears: [2027],
      holidays: ['2027-01-01', '2026-02-27', '2026-02-28'],
      workdays: ['2027-01-02..2027-01-03'],
    });
    expect(local.day('2026-02-27')).toMatchObject({ working: false, decidedBy: 'holidays.yaml' });
    expect(local.isWorkingDay('2026-02-28')).toBe(false); // the package's 调休 Saturday, cancelled locally
    expect(local.day('2027-01-02')).toMatchObject({ working: true, kind: 'make_up_workday' });
    // 2/14, 2/24, 2/25, 2/26, then 2/27 and 2/28 are off locally, so 3/2.
    expect(computeDue(sh('2026-02-13 10:00'), wd(5), local).dueAt).toEqual(sh('2026-03-03 00:00'));
    // 12/31, then 1/1 off, then the local 调休 weekend 1/2 and 1/3: ends Sunday 1/3 at 24:00, no warning.
    const r = computeDue(sh('2026-12-30 10:00'), wd(3), local);
    expect(r).toEqual({ dueAt: sh('2027-01-04 00:00'), warnings: [] });
  });

  it('still warns for a year holidays.yaml lists dates of but does not declare covered', () => {
    const partial = calendarFromHolidays({ coveredYears: [], holidays: ['2027-01-01'], workdays: [] });
    expect(computeDue(sh('2026-12-31 10:00'), wd(2), partial).warnings.join()).toMatch(/2027/);
  });

  it('refuses a date listed both as a holiday and as a working day', () => {
    expect(() => calendarFromHolidays({ coveredYears: [], holidays: ['2027-01-01'], workdays: ['2026-12-31..2027-01-02'] })).toThrow(
      /holidays\.yaml: 2027-01-01 listed both under holidays and under workdays/,
    );
  });

  it('runs on any holiday source, and counts plain weekdays where the source has no data', () => {
    const table: HolidayDataSource = {
      name: 'table',
      coversYear: (y) => y === 2031,
      listed: (d) => (d === '2031-05-01' ? { working: false, name: '劳动节' } : null),
    };
    const cal = new WorkingCalendar({ source: table });
    expect(cal.day('2031-05-01')).toMatchObject({ working: false, name: '劳动节', covered: true });
    expect(computeDue(sh('2031-04-30 09:00'), wd(1), cal)).toEqual({ dueAt: sh('2031-05-03 00:00'), warnings: [] });
  });

  it('gives the same days whatever the process time zone (the package formats dates in local time)', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        const cal = new WorkingCalendar();
        expect([cal.isWorkingDay('2026-02-14'), cal.isWorkingDay('2026-02-16'), cal.isWorkingDay('2026-02-24'), cal.coversYear(2026)]).toEqual([
          true,
          false,
          true,
          true,
        ]);
        expect(computeDue(sh('2026-02-13 10:00'), wd(5), cal).dueAt).toEqual(sh('2026-02-28 00:00'));
      }
    } finally {
      process.env.TZ = saved;
    }
  });

  it('measures working time between instants and adds it back, skipping days off', () => {
    // Friday 2026-02-13 22:00 to Tuesday 2/24 02:00: 2 h Friday, 24 h on 调休 Saturday, 2 h Tuesday.
    expect(calendar.workingMsBetween(sh('2026-02-13 22:00'), sh('2026-02-24 02:00'))).toBe(28 * 3_600_000);
    expect(calendar.addWorkingTime(sh('2026-02-13 22:00'), 28 * 3_600_000)).toEqual(sh('2026-02-24 02:00'));
    expect(calendar.addWorkingTime(sh('2026-02-15 10:00'), 3_600_000)).toEqual(sh('2026-02-24 01:00'));
  });
});
