import { Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TicketEntity, TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { canTransition } from '@hub/domain';
import { ReassignTicketUseCase } from '../reassign-ticket/reassign-ticket.usecase';
import { UnitDispatcher } from '../shared/unit-dispatcher';
import { DispatchTicketCommand } from './dispatch-ticket.command';

/**
 * 交办: a ticket in triage goes to a unit. Only from triage: sent again (a double click, a
 * retried request, the router finishing after an operator) it is refused, not turned into a
 * 改派 that would restart the unit's deadlines and mail it twice.
 *
 * `asAsked` is 交办 as a person (or a system integrating with the hub) asks for it, POST /dispatch:
 * the same unit again (a double click, a retried request, the router got there first with the
 * same choice) answers with the ticket as it is — no second event, deadline or mail; a ticket
 * already with another unit, or returned, is 改派 to the unit asked for (the person's choice wins
 * over the router's). Every other state is refused by the state machine as plain 交办 is.
 */
@Injectable()
export class DispatchTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dispatcher: UnitDispatcher,
    private readonly reassign: ReassignTicketUseCase,
  ) {}

  async execute(input: DispatchTicketCommand): Promise<TicketEntity> {
    const { asAsked, ...cmd } = validateCommand(DispatchTicketCommand, input);
    if (!asAsked) return this.dispatcher.send('dispatch', cmd);
    const ticket = await this.uow.read(TICKETS).findById(cmd.ticketId);
    if (!ticket || ticket.status === 'received' || ticket.status === 'accepted') return this.dispatcher.send('dispatch', cmd);
    const active = await this.uow.read(ASSIGNMENTS).listInStatus(cmd.ticketId, ['active']);
    const lead = active.find((a) => a.role === 'lead');
    const assists = active
      .filter((a) => a.role === 'assist')
      .map((a) => a.unitId)
      .sort();
    const askedAssists = [...new Set(cmd.assistUnitIds ?? [])].sort();
    if (lead && lead.unitId === cmd.unitId && (cmd.assistUnitIds === undefined || askedAssists.join() === assists.join())) return ticket;
    if (canTransition(ticket.status, 'reassign')) return this.reassign.execute(cmd);
    return this.dispatcher.send('dispatch', cmd);
  }
}
