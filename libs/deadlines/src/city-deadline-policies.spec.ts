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
