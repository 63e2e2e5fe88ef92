import { OPERATOR, SpecClock, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';
const REVIEW = [{ name: '市长信箱办结审核', match: { source: ['市长信箱'] }, review: { required: true, rework: '3wd' } }];
const letter = { channel: 'mailbox' as const, requester: { name: '李女士', email: 'li@example.cn' } };

async function heldReply() {
  const w = ticketSpecWorld({ extraRules: REVIEW });
  const t = await w.acknowledged(UNIT, letter);
  w.clock.set('2026-03-04 10:00');
  const replied = await w.useCases.replyTicket.execute({
    ticketId: t.id,
    unitId: w.unit(UNIT).id,
    outcome: 'resolved',
    text: '已清理。',
    actor: unitActor(UNIT),
  });
  return { w, t, replied };
}

describe('reply review (办结审核)', () => {
  it('holds a reply the policy reviews: nothing reaches the citizen, no 回访, not yet counted as replied', async () => {
    const { w, t, replied } = await heldReply();
    expect(replied).toMatchObject({ status: 'reply_review', repliedAt: null, outcome: 'resolved' });
    expect(w.mails().filter((m) => m.kind === 'answer')).toEqual([]);
    expect(w.repos.tasks.table.all()).toEqual([]);
    expect(w.openDeadline(t.id, 'follow_up')).toBeUndefined();
    expect(w.openDeadline(t.id, 'reply')).toBeUndefined();
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'reply', toStatus: 'reply_review', data: { review: '市长信箱办结审核' } });
  });

  it('sends it to the citizen on acceptance, counting the reply at the unit’s time', async () => {
    const { w, t } = await heldReply();
    w.clock.set('2026-03-05 09:00');
    const accepted = await w.useCases.reviewReply.execute({ ticketId: t.id, decision: 'accept', actor: OPERATOR });
    expect(accepted).toMatchObject({ status: 'replied', repliedAt: SpecClock.at('2026-03-04 10:00') });
    const answer = w.mails().filter((m) => m.kind === 'answer');
    expect(answer.map((m) => m.to)).toEqual([['li@example.cn']]);
    expect(answer[0].text).toContain('已清理。');
    expect(w.openDeadline(t.id, 'follow_up')).toBeDefined();
  });

  it('sends it back with the reason, reopens the reply limit with the rework time, and takes the new reply through review again', async () => {
    const { w, t } = await heldReply();
    w.clock.set('2026-03-05 09:00'); // Thursday
    const back = await w.useCases.reviewReply.execute({ ticketId: t.id, decision: 'send_back', reason: '答复未说明处理结果', actor: OPERATOR });
    // 3 working days after Thursday: Friday, Monday, Tuesday 10 March, 24:00.
    expect(back).toMatchObject({ status: 'acknowledged', outcome: null, replyDueAt: SpecClock.at('2026-03-11 00:00') });
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ dueAt: SpecClock.at('2026-03-11 00:00'), unitId: w.unit(UNIT).id });
    const notice = w.mails().find((m) => m.subject.startsWith('退回重办'));
    expect(notice?.to).toEqual([w.unit(UNIT).email]);
    expect(notice?.text).toContain('答复未说明处理结果');
    expect(notice?.text).toContain('2026-03-10 24:00');
    expect(w.mails().filter((m) => m.kind === 'answer')).toEqual([]);
    await expect(w.useCases.reviewReply.execute({ ticketId: t.id, decision: 'send_back', reason: '再退', actor: OPERATOR })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });

    w.clock.set('2026-03-06 15:00');
    const again = await w.useCases.replyTicket.execute({
      ticketId: t.id,
      unitId: w.unit(UNIT).id,
      outcome: 'resolved',
      text: '已清理，并设置围挡。',
      actor: unitActor(UNIT),
    });
    expect(again.status).toBe('reply_review');
    await w.useCases.reviewReply.execute({ ticketId: t.id, decision: 'accept', actor: OPERATOR });
    expect(w.ticket(t.id)).toMatchObject({ status: 'replied', repliedAt: SpecClock.at('2026-03-06 15:00') });
    expect(
      w
        .mails()
        .filter((m) => m.kind === 'answer')
        .map((m) => m.text.includes('设置围挡')),
    ).toEqual([true]);
  });

  it('refuses a send-back without a reason and leaves tickets of other sources unreviewed', async () => {
    const { w, t } = await heldReply();
    await expect(w.useCases.reviewReply.execute({ ticketId: t.id, decision: 'send_back', actor: OPERATOR })).rejects.toMatchObject({
      code: 'MISSING_TRANSITION_DATA',
    });
    const call = await w.replied(UNIT);
    expect(call.status).toBe('replied');
  });
});
