import { formatBusinessTime } from '@hub/domain';
import { OPERATOR, ticketSpecWorld } from '../../usecases/testing/ticket-spec-world';
import { ViewSurveyLinkUseCase } from '../view-survey-link/view-survey-link.usecase';
import { AnswerSurveyLinkUseCase, SURVEY_ALREADY_ANSWERED, SURVEY_LINK_EXPIRED } from './answer-survey-link.usecase';

const UNIT = '东湖区城市管理局';

describe('回访 through the link the requester was sent', () => {
  const setUp = async (requester: { phone?: string; email?: string } = { phone: '13900000001' }) => {
    const w = ticketSpecWorld();
    const t = await w.replied(UNIT, { requester: { name: '李四', ...requester } });
    const sent = [...w.repos.sms.table.all().map((s) => s.text), ...w.mails().map((m) => m.text)].join('\n');
    const token = /\/q\/s\/([A-Za-z0-9_-]+)/.exec(sent)?.[1] as string;
    const answer = new AnswerSurveyLinkUseCase(w.uow, w.clock, w.useCases.surveyTicket);
    return { w, t, token, answer, view: new ViewSurveyLinkUseCase(w.uow, w.config, w.clock) };
  };

  it('is sent by SMS to a caller with a mobile, by mail to a writer, expiring with the follow-up limit', async () => {
    const { w, t, token } = await setUp();
    expect(w.repos.sms.table.all()).toMatchObject([{ kind: 'survey', phone: '13900000001', dedupeKey: `survey-${t.id}-1` }]);
    const [link] = w.repos.surveyLinks.table.all();
    expect(link.tokenHash).not.toContain(token);
    expect(link.expiresAt).toEqual(w.deadlines(t.id).find((d) => d.stage === 'follow_up')?.dueAt);
    const writer = await setUp({ email: 'lisi@example.cn' });
    expect(writer.w.mails().find((m) => m.kind === 'survey')).toMatchObject({ to: ['lisi@example.cn'], subject: expect.stringContaining('请评价工单') });
  });

  it('counts like a phone survey: follow-up met, tasks done, rating kept; a second answer is refused', async () => {
    const { w, t, token, answer, view } = await setUp();
    expect(await view.execute({ token })).toMatchObject({ state: 'open', unit: UNIT });
    expect(await answer.execute({ token, contacted: '是', resolved: '是', rating: '基本满意', comment: '还可以' })).toEqual({ status: 'surveyed' });
    expect(w.ticket(t.id)).toMatchObject({ status: 'surveyed', rating: '基本满意' });
    expect(w.deadlines(t.id).find((d) => d.stage === 'follow_up')?.status).toBe('met');
    expect(w.repos.tasks.table.all().every((x) => x.status === 'done')).toBe(true);
    expect(w.repos.surveyLinks.table.all()[0]).toMatchObject({ contacted: '是', resolved: '是', rating: '基本满意', comment: '还可以' });
    await expect(answer.execute({ token, contacted: '否', resolved: '否', rating: '不满意' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: SURVEY_ALREADY_ANSWERED,
    });
    expect(await view.execute({ token })).toMatchObject({ state: 'answered' });
  });

  it('after the phone survey, or once expired, the link takes no answer; the phone task stays until then', async () => {
    const phoned = await setUp();
    await phoned.w.useCases.surveyTicket.execute({ ticketId: phoned.t.id, rating: '满意', actor: OPERATOR });
    await expect(phoned.answer.execute({ token: phoned.token, contacted: '是', resolved: '是', rating: '不满意' })).rejects.toMatchObject({ code: 'CONFLICT' });

    const late = await setUp();
    const link = late.w.repos.surveyLinks.table.all()[0];
    late.w.clock.set(formatBusinessTime(new Date(link.expiresAt.getTime() + 60_000))); // Beijing time
    await expect(late.answer.execute({ token: late.token, contacted: '是', resolved: '是', rating: '满意' })).rejects.toMatchObject({
      code: 'GONE',
      message: SURVEY_LINK_EXPIRED,
    });
    expect(late.w.ticket(late.t.id).status).toBe('replied');
    expect(late.w.repos.tasks.table.all().some((x) => x.kind === 'follow_up' && x.status === 'open')).toBe(true);
  });
});
