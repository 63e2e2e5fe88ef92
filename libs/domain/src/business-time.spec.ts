import { endOfBound, parseBusinessTime } from './business-time';

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

  it('reads a bare date as the whole Beijing day', () => {
    const t = parseBusinessTime('2025-03-02');
    expect(t).toEqual({ at: new Date('2025-03-01T16:00:00Z'), dateOnly: true });
    expect(endOfBound(t!).toISOString()).toBe('2025-03-02T16:00:00.000Z');
    expect(endOfBound(parseBusinessTime('2025-03-02T12:00:00+08:00')!).toISOString()).toBe('2025-03-02T04:00:00.000Z');
  });

  it('refuses dates that do not exist instead of rolling them into the next month', () => {
    for (const bad of ['2025-02-29', '2025-02-30T09:00:00+08:00', '2025-13-40', '2025-04-31', '2025-03-02T24:00', '2025-03-02T09:60',
      '2025-03-02T09:00+25:00', '0001-01-01', '9999-12-31', '1', '20250302', 'yesterday', '', '2025-3-2']) {
      expect([bad, parseBusinessTime(bad)]).toEqual([bad, null]);
    }
    expect(iso('2024-02-29')).toBe('2024-02-28T16:00:00.000Z');
  });
});
