import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

describe('answering directly at the desk (直接答复)', () => {
  it('learns from the operator and mails a letter-writer the answer', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ channel: 'mailbox', status: 'accepted', requester: { name: '赵女士', email: 'zhao@example.cn' } });
    const done = await w.useCases.answerDirectly.execute({ ticketId: t.id, text: '入学材料清单见教育局网站。', actor: OPERATOR });
    expect(done).toMatchObject({ status: 'direct_answer', disposition: 'direct_answer', repliedAt: w.clock.now() });
    expect(w.mails()).toMatchObject([{ kind: 'answer', to: ['zhao@example.cn'], dedupeKey: `answer-${t.id}-direct`, from: null }]);
    expect(w.mails()[0].text).toContain('已办理。答复如下：\n\n入学材料清单见教育局网站。');
    expect(w.repos.examples.table.all()).toMatchObject([{ ticketId: t.id, department: null, disposition: 'direct_answer' }]);
  });

  it('mails nothing to a caller (the answer was given on the phone)', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ requester: { name: '张先生', phone: '13900000011' } });
    await w.useCases.answerDirectly.execute({ ticketId: t.id, text: '已告知办理流程。', actor: OPERATOR });
    expect(w.mails()).toEqual([]);
  });
});
