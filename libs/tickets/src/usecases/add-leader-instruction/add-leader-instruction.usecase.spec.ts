import { InMemoryUserRepository, USERS } from '@hub/database';
import { ticketSpecWorld } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

describe('领导批示', () => {
  async function world() {
    const w = ticketSpecWorld();
    const users = new InMemoryUserRepository();
    w.uow.provide(USERS, users);
    const leader = await users.create({ username: 'mayor', displayName: '副市长 赵军', role: 'leader', passwordHash: 'x', email: null });
    const clerk = await users.create({ username: 'clerk', displayName: '话务员乙', role: 'operator', passwordHash: 'x', email: null });
    return { w, leader, clerk, asLeader: { kind: 'user' as const, id: leader.id, name: '副市长 赵军' } };
  }

  it('writes an instruction on the timeline and mails it to the unit leading the ticket', async () => {
    const { w, asLeader } = await world();
    const t = await w.dispatched(UNIT);
    await w.useCases.addLeaderInstruction.execute({ ticketId: t.id, text: ' 请一周内拿出方案。 ', actor: asLeader });
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'leader_instruction', reason: '请一周内拿出方案。', actorName: '副市长 赵军' });
    const mail = w.mails().find((m) => m.subject.startsWith('领导批示'));
    expect(mail?.to).toEqual([w.unit(UNIT).email]);
    expect(mail?.text).toContain('副市长 赵军 对工单');
  });
});
