import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, formatTicketNumber } from '@hub/domain';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { type SurveyLink, SURVEY_LINKS, type TicketEntity, TICKETS, UnitOfWork, UNITS, UseCaseError, validateCommand } from '@hub/database';
import { hashSurveyToken } from '../citizen-secrets';
import { ViewSurveyLinkCommand } from './view-survey-link.command';

export type SurveyLinkState = 'open' | 'answered' | 'expired';

export interface SurveyLinkView {
  number: string;
  /** open: the form can be sent; answered: it was (here or by phone); expired: too late. */
  state: SurveyLinkState;
  expiresAt: Date;
  unit: string | null;
}

export const SURVEY_LINK_NOT_FOUND = '链接无效：请核对短信或邮件中的链接';

/** Finds a survey link by its token, and what can be done with it; shared by viewing and answering. */
export async function openSurveyLink(uow: UnitOfWork, token: string, now: Date): Promise<{ link: SurveyLink; ticket: TicketEntity; state: SurveyLinkState }> {
  const link = await uow.read(SURVEY_LINKS).findByTokenHash(hashSurveyToken(token));
  const ticket = link ? await uow.read(TICKETS).findById(link.ticketId) : null;
  if (!link || !ticket) throw new UseCaseError('NOT_FOUND', SURVEY_LINK_NOT_FOUND);
  const state: SurveyLinkState = link.answeredAt || ticket.status !== 'replied' ? 'answered' : link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
  return { link, ticket, state };
}

/** The survey page's first read (`GET /api/public/surveys/:token`), no login. */
@Injectable()
export class ViewSurveyLinkUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: ViewSurveyLinkCommand): Promise<SurveyLinkView> {
    const { token } = validateCommand(ViewSurveyLinkCommand, input);
    const { link, ticket, state } = await openSurveyLink(this.uow, token, this.clock.now());
    const unit = ticket.leadUnitId ? await this.uow.read(UNITS).findById(ticket.leadUnitId) : null;
    return {
      number: formatTicketNumber(this.config.env.ticketPrefix, ticket.receivedAt, ticket.id),
      state,
      expiresAt: link.expiresAt,
      unit: unit?.name ?? null,
    };
  }
}
