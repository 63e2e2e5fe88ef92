import { Inject, Injectable } from '@nestjs/common';
import { DEADLINES, TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { DeadlineBook } from '../shared/deadline-book';
import { extensionRefused } from '../shared/extension-refusal';
import { activeAssignment, requireHolder } from '../shared/holder';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { RequestExtensionCommand } from './request-extension.command';

/** 申请延期: before the deadline, within the policy's count and length; the reply clock stops meanwhile. */
@Injectable()
export class RequestExtensionUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: RequestExtensionCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, days, reason } = validateCommand(RequestExtensionCommand, input);
    const now = this.clock.now();
    await requireHolder(this.uow, ticketId, unitId);
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'request_extension', actor, at: now, reason, extensionDays: days },
      async ({ tx, ticket }) => {
        const a = await activeAssignment(tx, ticketId, unitId);
        const reply = await tx.get(DEADLINES).findOf(a.id, 'reply', 'open');
        // Without an open reply limit there is nothing the request could come too late for.
        const refusal = this.book.planner.extensionRefusalReason(await this.facts.policyContext(tx, ticket), {
          days,
          granted: a.extensionCount,
          requestedAt: now,
          dueAt: reply?.dueAt ?? now,
        });
        if (refusal) throw extensionRefused(refusal, days);
        await this.book.pause(tx, { assignmentId: a.id, stages: ['reply'] }, now);
      },
    );
    return ticket;
  }
}
