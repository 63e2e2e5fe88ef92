import { Inject, Injectable } from '@nestjs/common';
import { TICKET_EVENTS, TicketEntity, TICKETS, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { leaderInstructionNotice } from '@hub/notify';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { TicketFactsReader } from '../shared/ticket-facts';
import { AddLeaderInstructionCommand } from './add-leader-instruction.command';

/** 领导批示: on the timeline, shown to the unit, and mailed to the unit leading the ticket. */
@Injectable()
export class AddLeaderInstructionUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: AddLeaderInstructionCommand): Promise<TicketEntity> {
    const { ticketId, actor, text } = validateCommand(AddLeaderInstructionCommand, input);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const ticket = await tx.get(TICKETS).findById(ticketId);
      if (!ticket) throw new TicketNotFoundError(ticketId);
      if (ticket.status === 'merged' || ticket.status === 'invalid') throw new ActionRefusedError('已并单或无效的工单不能批示，请批示在原工单上');
      const events = tx.get(TICKET_EVENTS);
      await events.record({ ticketId, type: 'leader_instruction', actor, at: now, reason: text.trim(), data: null });
      const unit = ticket.leadUnitId ? await tx.get(UNITS).findById(ticket.leadUnitId) : null;
      if (unit?.email) {
        const notice = leaderInstructionNotice(this.facts.number(ticket), unit.name, actor.name, text.trim(), this.facts.link(ticket));
        await tx.mail({ dedupeKey: `leader-instruction-${ticketId}-${now.getTime()}`, kind: 'notice', to: [unit.email], ticketId, ...notice });
      }
      return ticket;
    });
  }
}
