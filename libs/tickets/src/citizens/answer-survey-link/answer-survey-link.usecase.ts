import { Inject, Injectable } from '@nestjs/common';
import { SURVEY_LINKS, UnitOfWork, UseCaseError, validateCommand } from '@hub/database';
import { type Actor, CLOCK, type Clock, IllegalTransitionError } from '@hub/domain';
import { TicketConflictError } from '../../ticket-errors';
import { SurveyTicketUseCase } from '../../usecases/survey-ticket/survey-ticket.usecase';
import { openSurveyLink } from '../view-survey-link/view-survey-link.usecase';
import { AnswerSurveyLinkCommand } from './answer-survey-link.command';

/** Who answered through a link: the requester, as on the ticket's timeline. */
export const SURVEY_LINK_ACTOR: Actor = { kind: 'requester', id: null, name: '诉求人（回访链接）' };
export const SURVEY_ALREADY_ANSWERED = '该工单已完成回访，感谢您的评价';
export const SURVEY_LINK_EXPIRED = '评价链接已过期，如有意见请拨打 12345 热线';

/**
 * The requester's own 回访 (`POST /api/public/surveys/:token`): counted exactly as an operator's
 * phone survey (the same use case: 满意率, the follow-up deadline met, tasks done; 不满意 reopens).
 * One answer per ticket: a second one, here or after the phone survey, is refused.
 */
@Injectable()
export class AnswerSurveyLinkUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly survey: SurveyTicketUseCase,
  ) {}

  async execute(input: AnswerSurveyLinkCommand): Promise<{ status: string }> {
    const c = validateCommand(AnswerSurveyLinkCommand, input);
    const now = this.clock.now();
    const { link, ticket, state } = await openSurveyLink(this.uow, c.token, now);
    if (state === 'answered') throw new UseCaseError('CONFLICT', SURVEY_ALREADY_ANSWERED);
    if (state === 'expired') throw new UseCaseError('GONE', SURVEY_LINK_EXPIRED);
    const comment = c.comment?.trim() || null;
    const note = `回访链接：单位${c.contacted === '是' ? '已' : '未'}联系；问题${c.resolved === '是' ? '已' : '未'}解决${comment ? `；意见：${comment}` : ''}`;
    try {
      const rated = await this.survey.execute({ ticketId: ticket.id, actor: SURVEY_LINK_ACTOR, rating: c.rating, note });
      await this.uow.read(SURVEY_LINKS).answerIfOpen(link.id, { contacted: c.contacted, resolved: c.resolved, rating: c.rating, comment, at: now });
      return { status: rated.status };
    } catch (e) {
      // Answered in between (another tab, the operator's call): the transition is refused.
      if (e instanceof IllegalTransitionError || e instanceof TicketConflictError) throw new UseCaseError('CONFLICT', SURVEY_ALREADY_ANSWERED);
      throw e;
    }
  }
}
