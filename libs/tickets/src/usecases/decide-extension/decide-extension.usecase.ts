import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TICKET_EVENTS, TicketEntity, TICKETS, Transaction, UnitOfWork, validateCommand } from '@hub/database';
import { Actor, CLOCK, Clock } from '@hub/domain';
import { DeadlineBook } from '../shared/deadline-book';
import { extensionRefused } from '../shared/extension-refusal';
import { activeAssignment } from '../shared/holder';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { DecideExtensionCommand } from './decide-extension.command';

/**
 * The desk decides a unit's 申请延期. 批准: the reply limit runs again, moved by the time it stood
 * still and by the days granted. 驳回: it runs again, moved by the pause only.
 */
@Injectable()
export class DecideExtensionUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: DecideExtensionCommand): Promise<TicketEntity> {
    const cmd = validateCommand(DecideExtensionCommand, input);
    return cmd.decision === 'approve' ? this.approve(cmd.ticketId, cmd.actor, cmd.days) : this.reject(cmd.ticketId, cmd.reason ?? '', cmd.actor);
  }

  private async approve(ticketId: number, actor: Actor, days?: number | null): Promise<TicketEntity> {
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'approve_extension', actor, at: now, extensionDays: days ?? null },
      async ({ tx, ticket, event }) => {
        const ctx = await this.facts.policyContext(tx, ticket);
        if (days != null) {
          // Only the length is the approver's to change; count and timing were checked on the request.
          const refusal = this.book.planner.extensionRefusalReason(ctx, { days, granted: 0, requestedAt: now, dueAt: now });
          if (refusal?.kind === 'too_long' || refusal?.kind === 'bad_days') throw extensionRefused(refusal, days);
        }
        const a = await activeAssignment(tx, ticketId, null);
        const requested = Number(event.data.extensionDays ?? (await this.lastRequestedDays(tx, ticketId)));
        const [moved] = await this.book.resume(tx, { assignmentId: a.id, stages: ['reply'] }, now, ctx, requested);
        a.extensionCount += 1;
        await tx.get(ASSIGNMENTS).save(a);
        await tx.get(TICKETS).update(ticket.id, { extensionCount: ticket.extensionCount + 1, replyDueAt: moved?.dueAt ?? ticket.replyDueAt });
      },
    );
    return ticket;
  }

  private async lastRequestedDays(tx: Transaction, ticketId: number): Promise<number> {
    const requests = (await tx.get(TICKET_EVENTS).listForTicket(ticketId)).filter((e) => e.type === 'request_extension');
    return Number(requests[requests.length - 1]?.data?.extensionDays ?? 0);
  }

  private async reject(ticketId: number, reason: string, actor: Actor): Promise<TicketEntity> {
    const now = this.clock.now();
    const { ticket } = await runTransition(this.uow, ticketId, { action: 'reject_extension', actor, at: now, reason }, async ({ tx, ticket }) => {
      const a = await activeAssignment(tx, ticketId, null);
      await this.book.resume(tx, { assignmentId: a.id, stages: ['reply'] }, now, this.facts.cityOf(ticket));
    });
    return ticket;
  }
}
