import { InMemoryUserRepository, USERS } from '@hub/database';
import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

describe('包案', () => {
  async function world() {
    const w = ticketSpecWorld();
    const users = new InMemoryUserRepository();
    w.uow.provide(USERS, users);
    const leader = await users.create({ username: 'mayor', displayName: '副市长 赵军', role: 'leader', passwordHash: 'x', email: null });
    const clerk = await users.create({ username: 'clerk', displayName: '话务员乙', role: 'operator', passwordHash: 'x', email: null });
    return { w, leader, clerk, asLeader: { kind: 'user' as const, id: leader.id, name: '副市长 赵军' } };
  }

  it('gives a matter to a leader once, on the timeline, and takes it back', async () => {
    const { w, leader, asLeader } = await world();
    const t = await w.dispatched(UNIT);
    expect((await w.useCases.assignLeaderCase.execute({ ticketId: t.id, leaderId: leader.id, actor: asLeader })).leaderId).toBe(leader.id);
    await w.useCases.assignLeaderCase.execute({ ticketId: t.id, leaderId: leader.id, actor: asLeader });
    expect(w.events(t.id).filter((e) => e.type === 'leader_case')).toHaveLength(1);
    await w.useCases.assignLeaderCase.execute({ ticketId: t.id, leaderId: null, actor: OPERATOR });
    expect(w.ticket(t.id).leaderId).toBeNull();
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'leader_case', reason: '取消包案' });
  });

  it('refuses a user who is not a leader, and a merged ticket', async () => {
    const { w, clerk, leader, asLeader } = await world();
    const t = await w.dispatched(UNIT);
    await expect(w.useCases.assignLeaderCase.execute({ ticketId: t.id, leaderId: clerk.id, actor: OPERATOR })).rejects.toThrow('不是在职的领导账号');
    const merged = w.addTicket({ status: 'merged' });
    await expect(w.useCases.assignLeaderCase.execute({ ticketId: merged.id, leaderId: leader.id, actor: asLeader })).rejects.toMatchObject({
      code: 'ACTION_REFUSED',
    });
    await expect(w.useCases.addLeaderInstruction.execute({ ticketId: merged.id, text: '批示', actor: asLeader })).rejects.toMatchObject({
      code: 'ACTION_REFUSED',
    });
  });
});
