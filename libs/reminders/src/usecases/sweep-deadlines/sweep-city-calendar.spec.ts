import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import {
  DEADLINE_SWEEP,
  InMemoryDeadlineSweepRepository,
  InMemoryReminderRepository,
  InMemoryUnitOfWork,
  OUTBOX,
  InMemoryOutboxRepository,
  REMINDERS,
} from '@hub/database';
import { loadCityDeadlinePolicies } from '@hub/deadlines';
import { fixedClock } from '@hub/domain';
import { reminderUseCases } from '../../reminder-use-cases';

const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../../../config') });
const policies = loadCityDeadlinePolicies(config);
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/**
 * A reply limit from Thursday 9 April 2026 10:00 to Friday 17th end of day, for a ticket of 青禾市
 * (no prefix) and one of 蓝山市 (prefix LS), whose Friday 10th is a local day off
 * (config/demo/lanshan/holidays.yaml). Both rows say their next reminder is due Tuesday 14th 17:00.
 */
function world(prefix: string | null) {
  const deadlines = new InMemoryDeadlineSweepRepository();
  deadlines.units.set(7, { name: '东湖区城市管理局', email: 'donghu-cg@units.qinghe.example' });
  deadlines.tickets.set(42, {
    receivedAt: sh('2026-04-09 09:00'),
    numberPrefix: prefix,
    subject: null,
    textStart: '反映小区门口占道经营。',
    urgency: 'normal',
    confidential: false,
    personal: null,
  });
  const uow = new InMemoryUnitOfWork().provide(DEADLINE_SWEEP, deadlines).provide(REMINDERS, new InMemoryReminderRepository());
  const row = deadlines.deadlines.insert({
    ticketId: 42,
    unitId: 7,
    stage: 'reply',
    basis: 'working',
    startAt: sh('2026-04-09 10:00'),
    dueAt: sh('2026-04-17 24:00'),
    status: 'open',
    pausedAt: null,
    pausedMs: 0,
    dueVersion: 1,
    lastLevelSent: null,
    nextReminderAt: sh('2026-04-14 17:00'),
    nextLevel: 'yellow',
  });
  const sweepAt = (now: string) => reminderUseCases({ uow, clock: fixedClock(sh(now)), config, policies, jobs: uow.jobs }).sweep.execute({ digests: false });
  const mails = () => (uow.read(OUTBOX) as InMemoryOutboxRepository).table.all();
  return { deadlines, row, sweepAt, mails };
}

describe('the reminder sweep on a city’s calendar', () => {
  it('rings yellow for the installation’s ticket at half its working time (158h: Tuesday 17:00)', async () => {
    const w = world(null);
    expect(await w.sweepAt('2026-04-14 17:00')).toMatchObject({ sent: 1 });
    expect(w.mails()[0].subject).toBe('【黄灯预警】工单 QH20260409-000042 办结反馈时限 2026-04-17 24:00');
  });

  it('counts a city’s ticket on its working days: the local day off moves yellow to Wednesday 05:00 (134h, half 67h)', async () => {
    const w = world('LS');
    expect(await w.sweepAt('2026-04-14 17:00')).toMatchObject({ examined: 1, sent: 0 });
    expect(w.deadlines.deadlines.get(w.row.id)).toMatchObject({ nextReminderAt: sh('2026-04-15 05:00'), nextLevel: 'yellow', lastLevelSent: null });
    expect(await w.sweepAt('2026-04-15 05:00')).toMatchObject({ sent: 1 });
    expect(w.mails()[0].subject).toBe('【黄灯预警】工单 LS20260409-000042 办结反馈时限 2026-04-17 24:00');
  });
});
