import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import { formatBusinessDue } from '@hub/domain';
import { loadCityDeadlinePolicies } from './city-deadline-policies';
import { loadDeadlinePolicies } from './load-deadline-policies';

const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../config') });
const policies = loadCityDeadlinePolicies(config);
const plain = loadDeadlinePolicies(config);
const ctx = { channel: 'hotline' as const, urgency: 'normal' as const, category: null };
// Thursday 9 April 2026, 10:00 Beijing; Friday the 10th is 蓝山's local day off (config/demo/lanshan/holidays.yaml).
const start = new Date('2026-04-09T02:00:00Z');

describe('a city’s working days', () => {
  it('counts a city’s ticket on its own calendar, every other ticket on the installation’s', () => {
    const own = policies.due('reply', ctx, start);
    const city = policies.due('reply', { ...ctx, city: '蓝山市12345热线' }, start);
    expect(own?.dueAt).toEqual(plain.due('reply', ctx, start)?.dueAt);
    // Five working days: the installation's end on Thursday the 16th, 蓝山's (the 10th off) on Friday the 17th.
    expect([formatBusinessDue(own!.dueAt), formatBusinessDue(city!.dueAt)]).toEqual(['2026-04-16 24:00', '2026-04-17 24:00']);
    expect(policies.due('reply', { ...ctx, city: '不存在市' }, start)?.dueAt).toEqual(own?.dueAt);
  });

  it('moves an extension of a city’s ticket over its local day off', () => {
    const due = new Date('2026-04-09T10:00:00Z');
    expect(formatBusinessDue(policies.extend(due, 1, { ...ctx, city: '蓝山市12345热线' }).dueAt)).toBe('2026-04-13 18:00');
    expect(formatBusinessDue(policies.extend(due, 1, ctx).dueAt)).toBe('2026-04-10 18:00');
  });
});

describe('every clock of a city’s ticket counts on its calendar', () => {
  const city = { city: '蓝山市12345热线' };
  const none = { city: null };
  // The desk's reply limit: Thursday 16 April, end of day (working days).
  const parent = { dueAt: new Date('2026-04-16T16:00:00Z'), basis: 'working' as const };

  it('gives a lower unit its share (二级派单) of the working time the city has left', () => {
    // Installation: Thu 14h + Fri 24h + Mon–Thu 96h = 134h, 80% = 107h12m from Thu 10:00 → Wed 15th 21:12.
    expect(formatBusinessDue(policies.subDue(parent, start, none).dueAt)).toBe('2026-04-15 21:12');
    // 蓝山 (Friday off): 14h + 96h = 110h, 80% = 88h from Thu 10:00 → Thu 16th 02:00.
    expect(formatBusinessDue(policies.subDue(parent, start, city).dueAt)).toBe('2026-04-16 02:00');
  });

  it('moves a resumed clock (中止 → 恢复) by the working time the city stood still', () => {
    const resumedAt = new Date('2026-04-13T02:00:00Z'); // Monday 13th, 10:00
    // Installation: Thu 14h + Fri 24h + Mon 10h = 48h → Thu 16th end + 48h = Monday 20th end.
    expect(formatBusinessDue(policies.resume(parent, start, resumedAt, none).dueAt)).toBe('2026-04-20 24:00');
    // 蓝山: 14h + 10h = 24h → Friday 17th end.
    const moved = policies.resume(parent, start, resumedAt, city);
    expect([formatBusinessDue(moved.dueAt), moved.pausedMs / 3_600_000]).toEqual(['2026-04-17 24:00', 24]);
  });

  it('rings yellow at half the working time on the city’s calendar', () => {
    const d = { stage: 'reply' as const, startAt: start, dueAt: new Date('2026-04-17T16:00:00Z'), pausedMs: 0, lastLevelSent: null, basis: 'working' as const };
    // Installation: 14h + 24h + 5×24h = 158h, half 79h from Thu 10:00 → Tuesday 14th 17:00.
    expect(policies.nextReminder(d, start, none)).toEqual({ level: 'yellow', at: new Date('2026-04-14T09:00:00Z') });
    // 蓝山: 14h + 120h = 134h, half 67h → Wednesday 15th 05:00.
    expect(policies.nextReminder(d, start, city)).toEqual({ level: 'yellow', at: new Date('2026-04-14T21:00:00Z') });
  });
});
