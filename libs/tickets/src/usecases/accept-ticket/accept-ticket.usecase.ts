import { Inject, Injectable } from '@nestjs/common';
import { TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { runTransition } from '../shared/transition-runner';
import { AcceptTicketCommand } from './accept-ticket.command';

/** 受理: a new item is taken into triage by an operator. */
@Injectable()
export class AcceptTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: AcceptTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor } = validateCommand(AcceptTicketCommand, input);
    return (await runTransition(this.uow, ticketId, { action: 'accept', actor, at: this.clock.now() })).ticket;
  }
}
