import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TASKS, TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { DeadlineBook } from '../shared/deadline-book';
import { runTransition } from '../shared/transition-runner';
import { CloseTicketCommand } from './close-ticket.command';

/** 办结归档: every deadline ends, the units' assignments close and open call-backs are cancelled. */
@Injectable()
export class CloseTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: CloseTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, reason } = validateCommand(CloseTicketCommand, input);
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'close', actor, at: now, reason },
      async ({ tx }) => {
        await this.book.cancel(tx, { ticketId }, now);
        const assignments = tx.get(ASSIGNMENTS);
        for (const a of await assignments.listInStatus(ticketId, ['active'])) {
          a.status = 'closed';
          await assignments.save(a);
        }
        await tx.get(TASKS).cancelOpen(ticketId);
      },
      () => ({ closedAt: now }),
    );
    return ticket;
  }
}
