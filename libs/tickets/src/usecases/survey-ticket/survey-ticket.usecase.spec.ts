import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

describe('the follow-up survey (回访)', () => {
  it("满意: the follow-up is met and the operator's tasks are done", async () => {
    const w = ticketSpecWorld();
    const t = await w.replied(UNIT);
    const rated = await w.useCases.surveyTicket.execute({ ticketId: t.id, rating: '满意', note: '来电人表示满意', actor: OPERATOR });
    expect(rated).toMatchObject({ status: 'surveyed', rating: '满意', surveyedAt: w.clock.now() });
    expect(w.deadlines(t.id).find((d) => d.stage === 'follow_up')?.status).toBe('met');
    expect(w.repos.tasks.table.all().every((x) => x.status === 'done' && x.doneBy === 1 && x.note === '来电人表示满意')).toBe(true);
  });

  it('不满意: reopened to the same unit with new limits and a 重办 notice', async () => {
    const w = ticketSpecWorld();
    const t = await w.replied(UNIT);
    w.clock.set('2026-03-03 10:00'); // Tuesday
    const reopened = await w.useCases.surveyTicket.execute({ ticketId: t.id, rating: '不满意', note: '摊点又回来了', actor: OPERATOR });
    expect(reopened.status).toBe('reopened');
    expect(w.ticket(t.id)).toMatchObject({ reopenCount: 1, repliedAt: null, replyDueAt: new Date('2026-03-10T16:00:00Z') });
    expect(w.assignments(t.id)[0]).toMatchObject({ status: 'active', acknowledgedAt: null, repliedAt: null, outcome: null });
    expect(
      w
        .deadlines(t.id)
        .filter((d) => d.status === 'open')
        .map((d) => d.stage)
        .sort(),
    ).toEqual(['acknowledge', 'reply']);
    const notice = w.mails().at(-1);
    expect(notice).toMatchObject({ kind: 'dispatch', dedupeKey: `reopen-${w.assignments(t.id)[0].id}-1`, subject: expect.stringMatching(/^重办工单/) });
    expect(notice?.text).toContain('退回重办（诉求人对办理结果不满意）');
  });

  it('refuses a rating that is not one of the three', async () => {
    const w = ticketSpecWorld();
    await expect(w.useCases.surveyTicket.execute({ ticketId: 1, rating: '还行' as never, actor: OPERATOR })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'rating',
    });
  });
});
