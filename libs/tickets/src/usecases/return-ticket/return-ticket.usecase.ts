import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, DEADLINES, TicketEntity, TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { ActionRefusedError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { activeAssignment, requireHolder } from '../shared/holder';
import { runTransition } from '../shared/transition-runner';
import { ReturnTicketCommand } from './return-ticket.command';

/** 退单: only within the return window; the clock of the unit's deadlines stops until an operator decides. */
@Injectable()
export class ReturnTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: ReturnTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, reason } = validateCommand(ReturnTicketCommand, input);
    const now = this.clock.now();
    await requireHolder(this.uow, ticketId, unitId);
    const { ticket } = await runTransition(this.uow, ticketId, { action: 'return', actor, at: now, reason }, async ({ tx, ticket }) => {
      const a = await activeAssignment(tx, ticketId, unitId);
      const window = await tx.get(DEADLINES).findOf(a.id, 'return_window');
      if (window && window.dueAt.getTime() < now.getTime()) {
        throw new ActionRefusedError(`the return window closed at ${window.dueAt.toISOString()}; ask an operator to reassign instead`);
      }
      Object.assign(a, { returnedAt: now, returnReason: reason, status: 'returned' });
      await tx.get(ASSIGNMENTS).save(a);
      await this.book.pause(tx, { assignmentId: a.id }, now);
      await tx.get(TICKETS).update(ticket.id, { returnCount: ticket.returnCount + 1 });
    });
    return ticket;
  }
}
