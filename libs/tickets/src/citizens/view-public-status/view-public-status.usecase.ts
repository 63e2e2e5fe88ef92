import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig, ticketPrefixes } from '@hub/config';
import { TICKET_EVENTS, TICKET_LOOKUP, type TicketEntity, TICKETS, UnitOfWork, UNITS, UseCaseError, validateCommand } from '@hub/database';
import { findTicketNumber, formatTicketNumber, PUBLIC_STATUS_LABELS, publicReplyOf, PUBLIC_STEP_LABELS, type TicketStatus } from '@hub/domain';
import { lookupCodeMatches } from '../citizen-secrets';
import { ViewPublicStatusCommand } from './view-public-status.command';

/** What anyone holding the number and the 查询码 may see: progress, the unit, the reply; never who asked or what they wrote. */
export interface PublicTicketStatus {
  number: string;
  status: TicketStatus;
  statusText: string;
  receivedAt: Date;
  dispatchedAt: Date | null;
  repliedAt: Date | null;
  closedAt: Date | null;
  /** The handling unit (承办单位), once dispatched. */
  unit: string | null;
  /** The reply, once given. */
  reply: string | null;
  timeline: Array<{ at: Date; text: string }>;
}

/** The same answer for a number that does not exist and for a wrong code: nothing to enumerate. */
export const PUBLIC_NOT_FOUND = '未找到该工单：请核对工单编号和查询码';

/** The public status page's lookup (`GET /api/public/tickets/:number?code=`), no login. */
@Injectable()
export class ViewPublicStatusUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(input: ViewPublicStatusCommand): Promise<PublicTicketStatus> {
    const { number: typed, code } = validateCommand(ViewPublicStatusCommand, input);
    const ticket = await this.find(typed, code);
    if (!ticket) throw new UseCaseError('NOT_FOUND', PUBLIC_NOT_FOUND);
    const events = await this.uow.read(TICKET_EVENTS).listForTicket(ticket.id);
    const answer = publicReplyOf(events);
    const answered = answer ? (ticket.repliedAt ?? answer.at) : null;
    const unit = ticket.leadUnitId ? await this.uow.read(UNITS).findById(ticket.leadUnitId) : null;
    const status = ticket.status as TicketStatus;
    return {
      number: this.numberOf(ticket),
      status,
      statusText: PUBLIC_STATUS_LABELS[status] ?? status,
      receivedAt: ticket.receivedAt,
      dispatchedAt: ticket.dispatchedAt,
      repliedAt: answered,
      closedAt: ticket.closedAt,
      unit: unit?.name ?? null,
      reply: answer?.text ?? null,
      timeline: events
        .filter((e) => PUBLIC_STEP_LABELS[e.type])
        .map((e) => ({ at: e.at, text: e.type === 'survey' && e.toStatus === 'reopened' ? '回访不满意，已退回重新办理' : PUBLIC_STEP_LABELS[e.type] })),
    };
  }

  private numberOf(t: Pick<TicketEntity, 'id' | 'receivedAt' | 'numberPrefix'>): string {
    return formatTicketNumber(t.numberPrefix || this.config.env.ticketPrefix, t.receivedAt, t.id);
  }

  /** The ticket whose number and code these are; null for anything else, whatever the reason. */
  private async find(typed: string, code: string): Promise<TicketEntity | null> {
    // Any prefix the installation issues (its own, its cities'); a ticket handed to a city answers to its former number too.
    const number = ticketPrefixes(this.config)
      .map((prefix) => findTicketNumber(prefix, typed))
      .find((n) => n !== null);
    const id = number ? Number(number.slice(number.lastIndexOf('-') + 1)) : NaN;
    if (!number || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
    const ticket = await this.uow.read(TICKETS).findById(id);
    if (!ticket || (this.numberOf(ticket) !== number && ticket.formerNumber !== number)) return null;
    return lookupCodeMatches(await this.uow.read(TICKET_LOOKUP).codeHashOf(ticket.id), code) ? ticket : null;
  }
}
