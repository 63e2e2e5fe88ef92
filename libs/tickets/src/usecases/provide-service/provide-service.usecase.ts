import { Inject, Injectable } from '@nestjs/common';
import { TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { DeadlineBook } from '../shared/deadline-book';
import { runTransition } from '../shared/transition-runner';
import { ProvideServiceCommand } from './provide-service.command';

/** 提供服务: the desk served the requester itself (a number, a form); the ticket's deadlines end. */
@Injectable()
export class ProvideServiceUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: ProvideServiceCommand): Promise<TicketEntity> {
    const { ticketId, actor, text } = validateCommand(ProvideServiceCommand, input);
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'provide_service', actor, at: now, replyText: text },
      async ({ tx }) => {
        await this.book.cancel(tx, { ticketId }, now);
      },
      () => ({ disposition: 'service_provided', repliedAt: now }),
    );
    return ticket;
  }
}
