import { Inject, Injectable } from '@nestjs/common';
import { TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { DeadlineBook } from '../shared/deadline-book';
import { runTransition } from '../shared/transition-runner';
import { DecideSuspensionCommand } from './decide-suspension.command';

/** 批准中止: every open clock of the ticket stands from now (a 督办单's own clock excepted); 驳回: nothing stops. */
@Injectable()
export class DecideSuspensionUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: DecideSuspensionCommand): Promise<TicketEntity> {
    const { ticketId, actor, decision, reason } = validateCommand(DecideSuspensionCommand, input);
    const now = this.clock.now();
    if (decision === 'reject') {
      const { ticket } = await runTransition(this.uow, ticketId, { action: 'reject_suspension', actor, at: now, reason });
      return ticket;
    }
    const { ticket } = await runTransition(this.uow, ticketId, { action: 'approve_suspension', actor, at: now, reason }, async ({ tx, event }) => {
      const paused = await this.book.pause(tx, { ticketId }, now);
      event.data.clocks = paused.map((d) => d.stage);
    });
    return ticket;
  }
}
