import { Inject, Injectable } from '@nestjs/common';
import { TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { DeadlineBook } from '../shared/deadline-book';
import { runTransition } from '../shared/transition-runner';
import { MarkInvalidCommand } from './mark-invalid.command';

/** 无效件: spam, a prank or an empty item is closed with the reason; its deadlines end. */
@Injectable()
export class MarkInvalidUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: MarkInvalidCommand): Promise<TicketEntity> {
    const { ticketId, actor, reason } = validateCommand(MarkInvalidCommand, input);
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'mark_invalid', actor, at: now, reason },
      async ({ tx }) => {
        await this.book.cancel(tx, { ticketId }, now);
      },
      () => ({ disposition: 'invalid', closedAt: now }),
    );
    return ticket;
  }
}
