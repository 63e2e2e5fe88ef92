import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TICKET_EVENTS, TicketEntity, TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock, humanPause } from '@hub/domain';
import { DeadlineBook } from '../shared/deadline-book';
import { requireHolder } from '../shared/holder';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { ResumeTicketCommand } from './resume-ticket.command';

/**
 * 恢复办理: every clock stopped by the 中止 runs again, its due time moved by the time it stood
 * still in its own clock (working time for a limit in working days: a weekend or holiday inside
 * the pause moves nothing). The event says how long the ticket stood still.
 */
@Injectable()
export class ResumeTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: ResumeTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, reason } = validateCommand(ResumeTicketCommand, input);
    const now = this.clock.now();
    await requireHolder(this.uow, ticketId, unitId);
    const since = (await this.uow.read(TICKET_EVENTS).listForTicket(ticketId)).filter((e) => e.type === 'approve_suspension').at(-1)?.at ?? now;
    const pausedMs = Math.max(0, now.getTime() - since.getTime());
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'resume', actor, at: now, reason: reason ?? `中止 ${humanPause(pausedMs)}`, data: { pausedMs, since: since.toISOString() } },
      async ({ tx, ticket, event }) => {
        const moved = await this.book.resume(tx, { ticketId }, now, this.facts.cityOf(ticket));
        event.data.moved = moved.map((d) => ({ stage: d.stage, dueAt: d.dueAt.toISOString() }));
        const lead = (await tx.get(ASSIGNMENTS).listActive(ticketId)).find((a) => a.role === 'lead');
        const reply = moved.find((d) => d.stage === 'reply' && d.assignmentId === lead?.id);
        if (reply) {
          await tx.get(TICKETS).update(ticket.id, { replyDueAt: reply.dueAt });
          ticket.replyDueAt = reply.dueAt;
        }
      },
    );
    return ticket;
  }
}
