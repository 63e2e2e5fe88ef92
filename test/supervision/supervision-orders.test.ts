/**
 * 督办单 on MariaDB and on SQLite, through the use cases and the real reminder sweep: a supervisor
 * orders two units at once; one answers in time; the other's order is warned about, chased when
 * overdue, put on the 通报 list a working day after its due time (across a weekend), and answered
 * late; the timeline and the period's counts say so.
 */
import { DeadlineEntity, ensureSource, OutgoingMailEntity, SUPERVISION_ORDERS, TicketEventEntity, TypeOrmUnitOfWork, UnitEntity } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { Actor } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { reminderUseCases } from '@hub/reminders';
import { orderView, supervisionFigures } from '@hub/reporting';
import { buildTicketUseCases } from '@hub/tickets';
import { beijingTime, createTicket, DIALECTS, StepClock, useDialectHub } from '@hub/testing';

const operator: Actor = { kind: 'user', id: 1, name: '话务员' };
const supervisor: Actor = { kind: 'user', id: 2, name: '督办科王科长' };

describe.each(DIALECTS)('supervision orders on %s', (dialect) => {
  const hub = useDialectHub(dialect, 'hubsup');
  const clock = new StepClock();
  const jobs = new RecordingJobProducer();

  it('walks order → answer, and order → reminders → 通报 → late answer, on the timeline and in the counts', async () => {
    const { ds, config } = hub;
    const uow = new TypeOrmUnitOfWork(ds, jobs);
    const policies = loadDeadlinePolicies(config);
    const actions = buildTicketUseCases({ uow, config, planner: policies, clock });
    const { sweep } = reminderUseCases({ uow, clock, config, policies, jobs });
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const unitA = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    const unitB = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '市住房和城乡建设局' });

    clock.set('2026-03-02 09:00'); // Monday
    const ticket = async (text: string, unitId: number) => {
      const t = await ds.transaction((m) =>
        createTicket(m, { sourceId: source.id, channel: 'hotline', text, receivedAt: clock.now(), requester: { name: '李女士' } }),
      );
      await actions.dispatchTicket.execute({ ticketId: t.id, unitId, category: '城市管理/占道经营', actor: operator });
      return t.id;
    };
    const a = await ticket('桃园小区门口占道经营，多次反映未解决。', unitA.id);
    const b = await ticket('湖滨新村物业擅自停水。', unitB.id);

    // Wednesday 4 March 10:00: 挂牌督办 on both, answers due Friday 6 March 17:00.
    clock.set('2026-03-04 10:00');
    const orders = await actions.openSupervisionOrder.execute({
      ticketIds: [a, b],
      level: 'listed',
      reason: '群众反复投诉',
      instructions: '现场核查，书面说明处理情况',
      dueAt: beijingTime('2026-03-06 17:00'),
      actor: supervisor,
    });
    expect(orders.map((o) => o.unitId)).toEqual([unitA.id, unitB.id]);
    const mails = await ds.getRepository(OutgoingMailEntity).find({ where: { kind: 'notice' } });
    expect(mails.filter((m) => m.subject.startsWith('【挂牌督办】督办单')).map((m) => String(m.to))).toEqual([unitA.email, unitB.email]);

    // Unit A answers on Thursday; unit B does not.
    clock.set('2026-03-05 15:00');
    await actions.answerSupervisionOrder.execute({
      orderId: orders[0].id,
      unitIds: [unitA.id],
      text: '已现场核查并清理摊点。',
      actor: { kind: 'unit', name: unitA.name },
    });

    // Half the time used (calendar clock: 5 March 13:30): yellow to B only; A's clock is met.
    await sweep.execute({ now: beijingTime('2026-03-05 16:00'), digests: false });
    const orderRows = () => ds.getRepository(DeadlineEntity).find({ where: { stage: 'supervision' }, order: { id: 'ASC' } });
    expect((await orderRows()).map((d) => [d.unitId, d.status, d.lastLevelSent])).toEqual([
      [unitA.id, 'met', null],
      [unitB.id, 'open', 'yellow'],
    ]);
    // Friday evening: overdue (催办) to B, on the timeline; not yet reported.
    await sweep.execute({ now: beijingTime('2026-03-06 18:30'), digests: false });
    const repo = new TypeOrmUnitOfWork(ds, jobs).read(SUPERVISION_ORDERS);
    expect((await repo.findById(orders[1].id))?.status).toBe('open');
    // Saturday and Sunday are not working days: escalateAfter (1wd) after Friday 17:00 is Monday 17:00.
    await sweep.execute({ now: beijingTime('2026-03-09 16:59'), digests: false });
    expect((await repo.findById(orders[1].id))?.status).toBe('open');
    await sweep.execute({ now: beijingTime('2026-03-09 17:10'), digests: false });
    expect(await repo.findById(orders[1].id)).toMatchObject({ status: 'reported', reportedAt: beijingTime('2026-03-09 17:10') });
    // The supervisors (units.yaml → supervisors) are mailed about B's order, and about no answered one.
    const toSupervisors = (await ds.getRepository(OutgoingMailEntity).find({ where: { kind: 'reminder' } })).filter(
      (m) => String(m.to).includes(config.units.supervisors[0].email) && m.subject.includes('督办回复'),
    );
    expect(toSupervisors.map((m) => [m.ticketId, m.subject])).toEqual([[b, '【督办】工单 QH20260302-000002 督办回复已超期（市住房和城乡建设局）']]);

    // B answers on Tuesday: late, and it stays on the 通报 list.
    clock.set('2026-03-10 09:30');
    await actions.answerSupervisionOrder.execute({
      orderId: orders[1].id,
      unitIds: [unitB.id],
      text: '已恢复供水。',
      actor: { kind: 'unit', name: unitB.name },
    });
    const events = (id: number) =>
      ds
        .getRepository(TicketEventEntity)
        .find({ where: { ticketId: id }, order: { id: 'ASC' } })
        .then((es) =>
          es.filter((e) => e.type.startsWith('supervision') || e.data?.stage === 'supervision').map((e) => [e.type, e.reason, e.data?.late ?? null]),
        );
    expect(await events(a)).toEqual([
      ['supervision_opened', '挂牌督办：群众反复投诉', null],
      ['supervision_answered', '已现场核查并清理摊点。', false],
    ]);
    expect(await events(b)).toEqual([
      ['supervision_opened', '挂牌督办：群众反复投诉', null],
      ['reminder', '督办回复已超期（时限 2026-03-06 17:00）', null],
      ['supervision_reported', '督办单逾期未回复，列入通报（回复时限 2026-03-06 17:00）', null],
      ['supervision_answered', '已恢复供水。', true],
    ]);

    const reported = await repo.list({ reportedFrom: beijingTime('2026-03-01 00:00'), reportedTo: beijingTime('2026-04-01 00:00') });
    expect(reported.map((o) => [o.id, o.status, o.reportedAt?.toISOString()])).toEqual([
      [orders[1].id, 'answered', beijingTime('2026-03-09 17:10').toISOString()],
    ]);
    const all = await repo.list({ from: beijingTime('2026-03-01 00:00'), to: beijingTime('2026-04-01 00:00') });
    const figures = supervisionFigures(
      all.map((o) => orderView(o, { number: String(o.ticketId), title: '' }, o.unitId === unitA.id ? unitA.name : unitB.name)),
      clock.now(),
    );
    expect(figures.total).toEqual({ issued: 2, answeredOnTime: 1, answeredLate: 1, pending: 0, overdue: 0, reported: 1, withdrawn: 0, onTimeRate: 0.5 });
    expect(figures.byUnit.map((u) => [u.unit, u.reported, u.answeredOnTime])).toEqual([
      [unitB.name, 1, 0],
      [unitA.name, 0, 1],
    ]);
  });
});
