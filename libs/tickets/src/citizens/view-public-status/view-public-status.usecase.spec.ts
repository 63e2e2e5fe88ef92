import { formatTicketNumber } from '@hub/domain';
import { OPERATOR, ticketSpecWorld, unitActor } from '../../usecases/testing/ticket-spec-world';
import { hashLookupCode } from '../citizen-secrets';
import { PUBLIC_NOT_FOUND, ViewPublicStatusUseCase } from './view-public-status.usecase';

const UNIT = '东湖区城市管理局';

describe('the public status of a request (number + 查询码)', () => {
  const setUp = async () => {
    const w = ticketSpecWorld();
    const t = await w.replied(UNIT, { lookupCodeHash: hashLookupCode('K7M2Q9XA'), requester: { name: '李四', phone: '13900000001' }, address: '幸福路88号' });
    const number = formatTicketNumber(w.config.env.ticketPrefix, t.receivedAt, t.id);
    return { w, t, number, view: new ViewPublicStatusUseCase(w.uow, w.config) };
  };

  it('shows status, unit, reply and the public steps, typed however the citizen types them; nothing of the requester', async () => {
    const { number, view } = await setUp();
    const s = await view.execute({ number: ` ${number.toLowerCase()} `, code: 'k7m2 q9xa' });
    expect(s).toMatchObject({ number, status: 'replied', statusText: '已答复，等待回访', unit: UNIT, reply: '已清理占道摊点。' });
    expect(s.timeline.map((x) => x.text)).toEqual(['已转交承办单位办理', '承办单位已签收', '承办单位已答复']);
    expect(JSON.stringify(s)).not.toMatch(/李四|13900000001|幸福路/);
  });

  it('answers a wrong code, another ticket’s number and nonsense with the same refusal', async () => {
    const { number, view } = await setUp();
    for (const q of [
      { number, code: 'K7M2Q9XB' },
      { number: number.replace(/-\d+$/, '-000099'), code: 'K7M2Q9XA' },
      { number: number.replace(/\d{8}/, '20200101'), code: 'K7M2Q9XA' },
      { number: 'hello', code: 'K7M2Q9XA' },
    ])
      await expect(view.execute(q)).rejects.toMatchObject({ code: 'NOT_FOUND', message: PUBLIC_NOT_FOUND });
  });

  it('shows a reply under 办结审核 only once accepted, and never the one sent back', async () => {
    const w = ticketSpecWorld({ extraRules: [{ name: '市长信箱办结审核', match: { source: ['市长信箱'] }, review: { required: true, rework: '3wd' } }] });
    const t = await w.acknowledged(UNIT, { channel: 'mailbox', lookupCodeHash: hashLookupCode('K7M2Q9XA') });
    const q = { number: formatTicketNumber(w.config.env.ticketPrefix, t.receivedAt, t.id), code: 'K7M2Q9XA' };
    const view = new ViewPublicStatusUseCase(w.uow, w.config);
    const reply = (text: string) =>
      w.useCases.replyTicket.execute({ ticketId: t.id, unitId: w.unit(UNIT).id, outcome: 'resolved', text, actor: unitActor(UNIT) });
    await reply('初稿：已处理。');
    expect(await view.execute(q)).toMatchObject({ reply: null, repliedAt: null });
    await w.useCases.reviewReply.execute({ ticketId: t.id, decision: 'send_back', reason: '未写明处理结果', actor: OPERATOR });
    expect(await view.execute(q)).toMatchObject({ reply: null, repliedAt: null });
    await reply('已拆除违建并恢复绿化。');
    await w.useCases.reviewReply.execute({ ticketId: t.id, decision: 'accept', actor: OPERATOR });
    expect(await view.execute(q)).toMatchObject({ status: 'replied', reply: '已拆除违建并恢复绿化。' });
  });
});
