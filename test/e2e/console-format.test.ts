/** The console's pure helpers: Shanghai dates, deadline countdowns, and reading the statistics answer. */
import { formatDueShanghai } from '@hub/notify';
import { countdown, formatDue, formatTime, humanDuration, percent } from '../../apps/console/src/format';
import { normaliseStats } from '../../apps/console/src/stats';
import type { Schemas } from '../../apps/console/src/types';

const NOW = Date.parse('2026-03-02T02:00:00Z'); // 10:00 in Shanghai

describe('console formatting', () => {
  it('shows times in Asia/Shanghai as YYYY-MM-DD HH:mm whatever the machine zone', () => {
    expect(formatTime('2026-03-01T16:30:00Z')).toBe('2026-03-02 00:30');
    expect(formatTime(null)).toBe('—');
  });

  it('writes a limit that ends at midnight as 24:00 of its day, as the mails do', () => {
    const midnight = '2026-12-11T16:00:00Z'; // 2026-12-12 00:00 in Shanghai
    expect(formatDue(midnight)).toBe('2026-12-11 24:00');
    expect(formatDueShanghai(new Date(midnight))).toBe(formatDue(midnight));
    expect(formatDue('2026-12-11T09:30:00Z')).toBe('2026-12-11 17:30');
    expect(formatDue(null)).toBe('—');
    // A received time at midnight is a moment, not a limit: it keeps 00:00.
    expect(formatTime(midnight)).toBe('2026-12-12 00:00');
  });

  it('counts down to a deadline: green with time to spare, yellow within 24 hours, red once overdue', () => {
    expect(countdown(new Date(NOW + 3 * 86400_000 + 5 * 3600_000), { now: NOW })).toEqual({ text: '剩余 3天5小时', tone: 'success' });
    expect(countdown(new Date(NOW + 3 * 3600_000 + 20 * 60_000), { now: NOW })).toEqual({ text: '剩余 3小时20分', tone: 'warning' });
    expect(countdown(new Date(NOW - 2 * 86400_000), { now: NOW })).toEqual({ text: '已超期 2天', tone: 'danger' });
    expect(countdown(new Date(NOW + 3600_000), { now: NOW, paused: true }).tone).toBe('info');
  });

  it('writes durations with their two largest units', () => {
    expect(humanDuration(59_000)).toBe('0分');
    expect(humanDuration(90 * 60_000)).toBe('1小时30分');
    expect(percent(0.985)).toBe('98.5%');
    expect(percent(null)).toBe('—');
  });

  it('reads rates, groups and the daily series from the timeliness statistics', () => {
    const s = normaliseStats({
      from: '2026-03-01',
      to: '2026-03-02',
      total: { dispatched: 4, replied: 3, rates: { responseRate: 0.75, feedbackRate: 0.75 } },
      groups: [{ key: '7', name: '市住房和城乡建设局', figures: { dispatched: 2, replied: 2, rates: { feedbackRate: 1 } } }],
      daily: [{ day: '2026-03-01', received: 5, dispatched: 4 }],
    } as unknown as Schemas['Timeliness']); // only the fields this test is about
    expect(s.rates.feedbackRate).toBe(0.75);
    expect(s.rates.satisfactionRate).toBeNull();
    expect(s.totals).toMatchObject({ dispatched: 4, replied: 3 });
    expect(s.rows).toEqual([{ name: '市住房和城乡建设局', rates: expect.objectContaining({ feedbackRate: 1 }), counts: { dispatched: 2, replied: 2 } }]);
    expect(s.daily).toEqual([{ date: '2026-03-01', values: { received: 5, dispatched: 4 } }]);
  });
});
