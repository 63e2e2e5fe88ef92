import { OPERATOR, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

async function extensionAsked(w: ReturnType<typeof ticketSpecWorld>, days = 3) {
  const t = await w.acknowledged(UNIT);
  await w.useCases.requestExtension.execute({ ticketId: t.id, unitId: w.unit(UNIT).id, days, reason: '需协调多部门联合执法', actor: unitActor(UNIT) });
  return t;
}

describe('deciding an extension (批准 / 驳回延期)', () => {
  it('approved as requested: the reply limit moves by the days asked, and the count is kept', async () => {
    const w = ticketSpecWorld();
    const t = await extensionAsked(w);
    const granted = await w.useCases.decideExtension.execute({ ticketId: t.id, decision: 'approve', actor: OPERATOR });
    expect(granted.status).toBe('acknowledged');
    // 9 March 24:00 + 3 working days = 12 March 24:00.
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ dueAt: new Date('2026-03-12T16:00:00Z'), pausedAt: null, dueVersion: 2 });
    expect(w.ticket(t.id)).toMatchObject({ extensionCount: 1, replyDueAt: new Date('2026-03-12T16:00:00Z') });
    expect(w.assignments(t.id)[0].extensionCount).toBe(1);
  });

  it("approved for the approver's number of days, within the policy", async () => {
    const w = ticketSpecWorld();
    const t = await extensionAsked(w);
    await expect(w.useCases.decideExtension.execute({ ticketId: t.id, decision: 'approve', days: 30, actor: OPERATOR })).rejects.toThrow(
      'an extension may be at most 10 working days (asked: 30)',
    );
    await w.useCases.decideExtension.execute({ ticketId: t.id, decision: 'approve', days: 5, actor: OPERATOR });
    expect(w.openDeadline(t.id, 'reply').dueAt).toEqual(new Date('2026-03-16T16:00:00Z'));
  });

  it('rejected: the reply clock runs again from where it stood, and a reason is required', async () => {
    const w = ticketSpecWorld();
    const t = await extensionAsked(w);
    await expect(w.useCases.decideExtension.execute({ ticketId: t.id, decision: 'reject', actor: OPERATOR })).rejects.toMatchObject({
      code: 'MISSING_TRANSITION_DATA',
    });
    const kept = await w.useCases.decideExtension.execute({ ticketId: t.id, decision: 'reject', reason: '理由不充分', actor: OPERATOR });
    expect(kept.status).toBe('acknowledged');
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ dueAt: new Date('2026-03-09T16:00:00Z'), pausedAt: null });
    expect(w.ticket(t.id).extensionCount).toBe(0);
  });
});
