/**
 * 领导批示 and 包案 on MariaDB and on SQLite: a leader instructs on a ticket (timeline, mail to
 * the unit); a matter given to the leader follows the `leaderCase: true` policy rule (3 working
 * days, reviewed before the citizen gets it); a repeat call about it is merged and shows in the
 * leader's view (重信重访).
 */
import {
  DeadlineEntity,
  ensureSource,
  OutgoingMailEntity,
  TicketEntity,
  TicketEventEntity,
  TICKETS,
  TypeOrmUnitOfWork,
  UnitEntity,
  USERS,
} from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { Actor } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { buildTicketUseCases } from '@hub/tickets';
import { beijingTime, createTicket, DIALECTS, StepClock, useDialectHub } from '@hub/testing';

const operator: Actor = { kind: 'user', id: 1, name: '话务员' };

describe.each(DIALECTS)('leader instructions and 包案 on %s', (dialect) => {
  const hub = useDialectHub(dialect, 'hublead');
  const clock = new StepClock();

  it('records an instruction, gives the matter to the leader with its own rules, and brings a repeat to the leader’s view', async () => {
    const { ds, config } = hub;
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    const actions = buildTicketUseCases({ uow, config, planner: loadDeadlinePolicies(config), clock });
    const unit = await ds.getRepository(UnitEntity).findOneByOrFail({ name: '东湖区城市管理局' });
    const source = await ensureSource(ds, '市长公开电话', 'hotline');
    const leader = await uow.run((tx) =>
      tx.get(USERS).create({ username: 'mayor', displayName: '副市长 赵军', role: 'leader', passwordHash: 'x', email: null }),
    );
    const asLeader: Actor = { kind: 'user', id: leader.id, name: '副市长 赵军' };
    clock.set('2026-03-02 09:00'); // Monday
    const call = (text: string) =>
      ds.transaction((m) =>
        createTicket(m, { sourceId: source.id, channel: 'hotline', text, receivedAt: clock.now(), requester: { name: '张先生', phone: '13900000001' } }),
      );

    // 包案 before dispatch: the reply clock follows 领导包案件 (3 working days instead of 5).
    const t = await call('湖滨路菜市场周边占道经营多年未解决。');
    await actions.assignLeaderCase.execute({ ticketId: t.id, leaderId: leader.id, actor: asLeader });
    await actions.dispatchTicket.execute({ ticketId: t.id, unitId: unit.id, category: '城市管理/占道经营', actor: operator });
    const reply = await ds.getRepository(DeadlineEntity).findOneByOrFail({ ticketId: t.id, stage: 'reply' });
    expect(reply.dueAt.toISOString()).toBe(beijingTime('2026-03-06 00:00').toISOString()); // Tue, Wed, Thu 24:00

    clock.set('2026-03-02 10:00');
    await actions.addLeaderInstruction.execute({ ticketId: t.id, text: '请城管局牵头，一周内拿出长效管理方案。', actor: asLeader });
    const events = await ds.getRepository(TicketEventEntity).find({ where: { ticketId: t.id }, order: { id: 'ASC' } });
    expect(events.filter((e) => e.type.startsWith('leader')).map((e) => [e.type, e.reason, e.actorName])).toEqual([
      ['leader_case', '副市长 赵军 包案', '副市长 赵军'],
      ['leader_instruction', '请城管局牵头，一周内拿出长效管理方案。', '副市长 赵军'],
    ]);
    const mail = await ds.getRepository(OutgoingMailEntity).findOneByOrFail({ subject: `领导批示：工单 ${'QH20260302-' + String(t.id).padStart(6, '0')}` });
    expect(String(mail.to)).toBe(unit.email);

    // A leader case is reviewed before the citizen is answered.
    await actions.acknowledgeTicket.execute({ ticketId: t.id, unitId: unit.id, actor: { kind: 'unit', name: unit.name } });
    const held = await actions.replyTicket.execute({
      ticketId: t.id,
      unitId: unit.id,
      outcome: 'resolved',
      text: '已制定方案。',
      actor: { kind: 'unit', name: unit.name },
    });
    expect(held.status).toBe('reply_review');

    // The same caller again about the same matter: merged, and first in the leader's view.
    clock.set('2026-03-03 09:00');
    const again = await call('湖滨路菜市场占道经营又出现了。');
    await actions.mergeTickets.execute({ ticketId: again.id, targetTicketId: t.id, actor: operator });
    const cases = await uow.read(TICKETS).listLeaderCases(leader.id, 10);
    expect(cases.map((c) => [c.id, c.repeatCount])).toEqual([[t.id, 1]]);
    expect(await ds.getRepository(TicketEventEntity).countBy({ ticketId: t.id, type: 'repeat_merged' })).toBe(1);
    expect((await ds.getRepository(TicketEntity).findOneByOrFail({ id: again.id })).status).toBe('merged');

    const clerk = await uow.run((tx) => tx.get(USERS).create({ username: 'clerk', displayName: '话务员乙', role: 'operator', passwordHash: 'x', email: null }));
    await expect(actions.assignLeaderCase.execute({ ticketId: t.id, leaderId: clerk.id, actor: operator })).rejects.toThrow('不是在职的领导账号');
  });
});
