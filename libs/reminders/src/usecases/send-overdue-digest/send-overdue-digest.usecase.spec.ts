import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import {
  DEADLINE_SWEEP,
  InMemoryDeadlineSweepRepository,
  InMemoryOutboxRepository,
  InMemoryReminderRepository,
  InMemoryUnitOfWork,
  OUTBOX,
  REMINDERS,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { fixedClock } from '@hub/domain';
import { SendOverdueDigestUseCase } from './send-overdue-digest.usecase';

const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../../../config') });
const policies = loadDeadlinePolicies(config);
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const SUPERVISORS = config.units.supervisors.map((s) => s.email);

/** Ticket 42 (received Monday 3 March 2025), its acknowledge limit Tuesday 24:00 still open. */
function world(now: string) {
  const deadlines = new InMemoryDeadlineSweepRepository();
  deadlines.units.set(7, { name: '东湖区城市管理局', email: 'donghu-cg@units.qinghe.example' });
  deadlines.tickets.set(42, {
    receivedAt: sh('2025-03-03 09:00'),
    subject: null,
    textStart: '占道经营',
    urgency: 'normal',
    confidential: false,
    personal: null,
  });
  deadlines.deadlines.insert({
    ticketId: 42,
    unitId: 7,
    stage: 'acknowledge',
    basis: 'working',
    startAt: sh('2025-03-03 09:00'),
    dueAt: sh('2025-03-05 00:00'),
    status: 'open',
    pausedAt: null,
    pausedMs: 0,
    dueVersion: 1,
    lastLevelSent: 'overdue',
    nextReminderAt: null,
    nextLevel: null,
  });
  const uow = new InMemoryUnitOfWork().provide(DEADLINE_SWEEP, deadlines).provide(REMINDERS, new InMemoryReminderRepository());
  const digests = new SendOverdueDigestUseCase(uow, fixedClock(sh(now)), config, policies);
  return { uow, deadlines, digests, mails: () => (uow.read(OUTBOX) as InMemoryOutboxRepository).table.all() };
}

describe('send the overdue digest', () => {
  it("mails the unit its overdue tickets and the supervisors every unit's, once however often it is asked", async () => {
    const w = world('2025-03-06 08:30');
    expect(await w.digests.execute({ day: '2025-03-06' })).toEqual({ day: '2025-03-06', items: 1, units: 1, supervisors: 1, duplicates: 0, mails: 2 });
    const [unit, supervisors] = w.mails();
    expect(unit).toMatchObject({ kind: 'digest', dedupeKey: 'digest-unit7-2025-03-06', to: ['donghu-cg@units.qinghe.example'] });
    expect(unit.subject).toBe('【每日超期汇总】2025-03-06 东湖区城市管理局 超期工单 1 件');
    expect(unit.text).toContain('1. QH20250303-000042 签收 时限 2025-03-04 24:00，');
    expect(supervisors).toMatchObject({ dedupeKey: 'digest-supervisors-2025-03-06', to: SUPERVISORS, subject: '【每日超期汇总】2025-03-06 全市超期工单 1 件' });
    expect(supervisors.text).toContain('- 东湖区城市管理局：1 件');
    expect(w.uow.jobs.jobs.map((j) => j.payload)).toEqual([{ outboxId: unit.id }, { outboxId: supervisors.id }]);

    expect(await w.digests.execute({ day: '2025-03-06' })).toMatchObject({ units: 0, supervisors: 0, duplicates: 2, mails: 0 });
    expect(w.mails()).toHaveLength(2);
  });

  it('copies a lower unit’s digest (二级派单) to the desk unit above its overdue ticket', async () => {
    const w = world('2025-03-06 08:30');
    w.deadlines.units.set(9, { name: '东湖区人民政府', email: 'donghu-zf@units.qinghe.example' });
    w.deadlines.desks.set(501, 9);
    w.deadlines.deadlines.update(1, { assignmentId: 501 });
    await w.digests.execute({ day: '2025-03-06' });
    expect(w.mails()[0]).toMatchObject({ dedupeKey: 'digest-unit7-2025-03-06', to: ['donghu-cg@units.qinghe.example', 'donghu-zf@units.qinghe.example'] });
  });

  it("waits for the digest time on a working day, then sends today's once from the sweep's asking", async () => {
    expect(await world('2025-03-06 08:29').digests.execute({})).toBeNull();
    // Saturday: not a digest day (digestDays: working).
    expect(await world('2025-03-08 09:00').digests.execute({})).toBeNull();
    const w = world('2025-03-06 08:31');
    expect(await w.digests.execute({})).toMatchObject({ day: '2025-03-06', units: 1, supervisors: 1 });
    expect(await w.digests.execute({})).toBeNull();
  });

  it('refuses a day that is not written YYYY-MM-DD, naming the field', async () => {
    await expect(world('2025-03-06 08:30').digests.execute({ day: '6.3.2025' })).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'day' });
  });
});
