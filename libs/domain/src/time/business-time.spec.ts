import {
  addDays,
  BUSINESS_OFFSET_MS,
  BUSINESS_UTC_OFFSET,
  businessDate,
  businessTimeOn,
  clockMs,
  daysBetween,
  endOfBound,
  formatBusinessTime,
  isCalendarDay,
  monthEnd,
  msIntoBusinessDay,
  parseBusinessTime,
  startOfBusinessDay,
  toBusinessIso,
  weekday,
  yearOf,
} from './business-time';

const at = (iso: string) => new Date(iso);

describe('the Beijing day of an instant', () => {
  it('turns at midnight Beijing time (16:00 UTC), not at midnight UTC', () => {
    expect(businessDate(at('2025-03-02T15:59:59.999Z'))).toBe('2025-03-02');
    expect(businessDate(at('2025-03-02T16:00:00.000Z'))).toBe('2025-03-03');
    expect(businessDate(at('2025-03-02T00:00:00.000Z'))).toBe('2025-03-02');
    expect(formatBusinessTime(at('2025-03-02T16:00:00Z'))).toBe('2025-03-03 00:00');
    expect(formatBusinessTime(at('2025-03-02T15:59:59Z'))).toBe('2025-03-02 23:59');
    expect(toBusinessIso(at('2025-03-02T01:15:30.250Z'))).toBe('2025-03-02T09:15:30.250');
    expect(new Date(`${toBusinessIso(at('2025-03-02T01:15:30.250Z'))}${BUSINESS_UTC_OFFSET}`).toISOString()).toBe('2025-03-02T01:15:30.250Z');
  });

  it('crosses the year at 16:00 UTC on 31 December, leap days included', () => {
    expect(businessDate(at('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(businessDate(at('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(startOfBusinessDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(businessDate(at('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(startOfBusinessDay('2024-03-01').getTime() - startOfBusinessDay('2024-02-28').getTime()).toBe(2 * 86_400_000);
  });

  it('places a time of day on a Beijing day, 24:00 being the end of that day', () => {
    expect(businessTimeOn('2026-02-27', '17:30').toISOString()).toBe('2026-02-27T09:30:00.000Z');
    expect(businessTimeOn('2026-02-27', '00:00')).toEqual(startOfBusinessDay('2026-02-27'));
    expect(businessTimeOn('2026-02-27', '24:00')).toEqual(startOfBusinessDay('2026-02-28'));
    expect(businessTimeOn('2025-12-31', '24:00').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(businessDate(new Date(businessTimeOn('2025-12-31', '24:00').getTime() - 1))).toBe('2025-12-31');
    expect(clockMs('24:00')).toBe(86_400_000);
    expect(() => clockMs('9:00')).toThrow('not a time of day HH:MM: 9:00');
  });

  it('measures the time since the Beijing midnight', () => {
    expect(msIntoBusinessDay(at('2025-03-02T16:00:00Z'))).toBe(0);
    expect(msIntoBusinessDay(at('2025-03-02T09:30:00Z'))).toBe((17 * 60 + 30) * 60_000);
    expect(msIntoBusinessDay(at('1970-01-01T00:00:00Z'))).toBe(BUSINESS_OFFSET_MS);
    expect(msIntoBusinessDay(at('1969-12-31T15:00:00Z'))).toBe(23 * 3_600_000);
  });
});

describe('calendar days', () => {
  it('adds and counts days across months, years and 29 February', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-03-02', 0)).toBe('2025-03-02');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(daysBetween('2025-12-25', '2026-01-05')).toBe(11);
    expect(daysBetween('2026-01-05', '2025-12-25')).toBe(-11);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('knows weekdays, years and month ends', () => {
    expect(weekday('2026-01-04')).toBe(0); // a Sunday
    expect(weekday('2026-01-03')).toBe(6);
    expect(yearOf('2026-01-01')).toBe(2026);
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('2025-02-01')).toBe('2025-02-28');
    expect(monthEnd('2025-12-31')).toBe('2025-12-31');
  });

  it('tells a real date from one that does not exist', () => {
    for (const ok of ['2024-02-29', '2025-12-31', '2026-01-01']) expect([ok, isCalendarDay(ok)]).toEqual([ok, true]);
    for (const bad of ['2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-1', '20250101', '']) {
      expect([bad, isCalendarDay(bad)]).toEqual([bad, false]);
    }
  });
});

const iso = (s: string) => parseBusinessTime(s)?.at.toISOString() ?? null;

describe('times typed into the hub', () => {
  it('reads a time without a zone as Beijing time, and honours a zone when given', () => {
    expect(iso('2025-03-02T09:15:00')).toBe('2025-03-02T01:15:00.000Z');
    expect(iso('2025-03-02 09:15')).toBe('2025-03-02T01:15:00.000Z');
    expect(iso('2025-03-02T09:15:00+08:00')).toBe('2025-03-02T01:15:00.000Z');
    expect(iso('2025-03-02T01:15:00Z')).toBe('2025-03-02T01:15:00.000Z');
    expect(iso('2025-03-01T20:15:00-0500')).toBe('2025-03-02T01:15:00.000Z');
    expect(iso('2025-03-02T09:15:30.250+08')).toBe('2025-03-02T01:15:30.250Z');
  });

  it('reads Beijing midnight as the day it starts, a year boundary included', () => {
    expect(iso('2026-01-01T00:00:00')).toBe('2025-12-31T16:00:00.000Z');
    expect(iso('2026-01-01')).toBe('2025-12-31T16:00:00.000Z');
    expect(iso('2025-12-31T23:59:59.999')).toBe('2025-12-31T15:59:59.999Z');
    expect(businessDate(parseBusinessTime('2026-01-01T00:00')!.at)).toBe('2026-01-01');
  });

  it('reads a bare date as the whole Beijing day', () => {
    const t = parseBusinessTime('2025-03-02');
    expect(t).toEqual({ at: new Date('2025-03-01T16:00:00Z'), dateOnly: true });
    expect(endOfBound(t!).toISOString()).toBe('2025-03-02T16:00:00.000Z');
    expect(endOfBound(parseBusinessTime('2025-03-02T12:00:00+08:00')!).toISOString()).toBe('2025-03-02T04:00:00.000Z');
  });

  it('refuses dates that do not exist instead of rolling them into the next month', () => {
    for (const bad of [
      '2025-02-29',
      '2025-02-30T09:00:00+08:00',
      '2025-13-40',
      '2025-04-31',
      '2025-03-02T24:00',
      '2025-03-02T09:60',
      '2025-03-02T09:00+25:00',
      '0001-01-01',
      '9999-12-31',
      '1',
      '20250302',
      'yesterday',
      '',
      '2025-3-2',
    ]) {
      expect([bad, parseBusinessTime(bad)]).toEqual([bad, null]);
    }
    expect(iso('2024-02-29')).toBe('2024-02-28T16:00:00.000Z');
  });
});
