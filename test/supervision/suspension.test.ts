/**
 * 中止 / 挂起 on MariaDB and on SQLite: a unit asks to suspend over 清明 (a weekend and a holiday),
 * the desk approves, every clock stands, and on resumption each due time has moved by exactly the
 * working time it stood still; the reminder sweep sends nothing meanwhile.
 */
import { DeadlineEntity, ensureSource, ReminderEntity, TicketEntity, TicketEventEntity, TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { Actor, TrackedStage } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { buildTicketUseCases } from '@hub/tickets';
import { beijingTime, createTicket, DIALECTS, StepClock, useDialectHub } from '@hub/testing';

const operator: Actor = { kind: 'user', id: 1, name: '话务员' };

describe.each(DIALECTS)('suspension on %s', (dialect) => {
  const hub = useDialectHub(dialect, 'hubsusp');
  const clock = new StepClock();

  it('pauses every clock over a weekend and a holiday and resumes each at its exact new due time', async () => {
    const { ds, config } = hub;
    const jobs = new RecordingJobProducer();
    const uow = new TypeOrmUnitOfWork(ds, jobs);
    const policies = loadDeadlinePolicies(config);
    const actions = buildTicketUseCases({ uow, config, planner: policies, clock });
    const { sweep } = reminderUseCases({ uow, clock, config, policies, jobs });
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    const me = { kind: 'unit' as const, name: unit.name };
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    clock.set('2026-04-01 09:00'); // Wednesday
    const t = await ds.transaction((m) =>
      createTicket(m, { sourceId: source.id, channel: 'hotline', text: '小区旁工地夜间施工扰民。', receivedAt: clock.now() }),
    );
    await actions.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', actor: operator });
    await actions.acknowledgeTicket.execute({ ticketId: t.id, unitId: unit.id, actor: me });
    const due = async (stage: TrackedStage) =>
      (await ds.getRepository(DeadlineEntity).findOneByOrFail({ ticketId: t.id, stage, status: 'open' })).dueAt.toISOString();
    expect(await due('reply')).toBe(beijingTime('2026-04-10 00:00').toISOString());

    clock.set('2026-04-02 16:00');
    await actions.requestSuspension.execute({
      ticketId: t.id,
      unitId: unit.id,
      ground: 'authority',
      reason: '等待住建部门认定施工许可',
      expectedResumeOn: '2026-04-08',
      actor: me,
    });
    clock.set('2026-04-03 10:00'); // Friday; 清明 Saturday 4 to Monday 6 April
    await actions.decideSuspension.execute({ ticketId: t.id, decision: 'approve', actor: operator });
    const reminders = await ds.getRepository(ReminderEntity).countBy({ ticketId: t.id });
    // The first-contact limit (Friday 24:00) passes while suspended: nothing is sent.
    await sweep.execute({ now: beijingTime('2026-04-07 12:00'), digests: false });
    expect(await ds.getRepository(ReminderEntity).countBy({ ticketId: t.id })).toBe(reminders);

    clock.set('2026-04-08 10:00');
    await actions.resumeTicket.execute({ ticketId: t.id, unitId: unit.id, actor: me });
    // 48 working hours stood still (Fri 10-24, Tue, Wed 0-10): the 5-working-day reply limit ends Monday 13 April 24:00.
    expect(await due('reply')).toBe(beijingTime('2026-04-14 00:00').toISOString());
    expect(await due('first_contact')).toBe(beijingTime('2026-04-09 00:00').toISOString());
    const ticket = await ds.getRepository(TicketEntity).findOneByOrFail({ id: t.id });
    expect(ticket).toMatchObject({ status: 'acknowledged' });
    expect(ticket.replyDueAt?.toISOString()).toBe(beijingTime('2026-04-14 00:00').toISOString());
    const reply = await ds.getRepository(DeadlineEntity).findOneByOrFail({ ticketId: t.id, stage: 'reply', status: 'open' });
    expect(reply.pausedMs).toBe(48 * 3600_000);
    const resumed = await ds.getRepository(TicketEventEntity).findOneByOrFail({ ticketId: t.id, type: 'resume' });
    expect(resumed).toMatchObject({ reason: '中止 5天', data: expect.objectContaining({ pausedMs: 5 * 86_400_000 }) });

    // Replied on the new last day: on time.
    clock.set('2026-04-13 17:00');
    await actions.replyTicket.execute({ ticketId: t.id, unitId: unit.id, outcome: 'resolved', text: '已责令停止夜间施工。', actor: me });
    const met = await ds.getRepository(DeadlineEntity).findOneByOrFail({ ticketId: t.id, stage: 'reply' });
    expect(met.status).toBe('met');
    expect(met.metAt!.getTime()).toBeLessThan(met.dueAt.getTime());
  });
});
