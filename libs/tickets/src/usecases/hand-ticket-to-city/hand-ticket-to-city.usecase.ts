import { Inject, Injectable } from '@nestjs/common';
import { cityNamed, HUB_CONFIG, type HubConfig } from '@hub/config';
import { TICKET_EVENTS, type TicketEntity, TICKETS, UNITS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, type Clock, formatTicketNumber, mayHandToCity } from '@hub/domain';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { HandTicketToCityCommand } from './hand-ticket-to-city.command';

/**
 * 转交地市: the province desk (the installation's own desk) gives a ticket it holds in triage to a
 * city. The ticket moves to the city's desk (deskUnitId), which sees it in its 待分拨, and is numbered with the
 * city's prefix from then on; the number it had stays as `formerNumber`, and lookups by it still find
 * it (the number's date and sequence are unchanged). One event (`handed_to_city`) on its timeline.
 */
@Injectable()
export class HandTicketToCityUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: HandTicketToCityCommand): Promise<TicketEntity> {
    const { ticketId, actor, city: name, reason } = validateCommand(HandTicketToCityCommand, input);
    const city = cityNamed(this.config.cities, name);
    if (!city) throw new ActionRefusedError(`${name} 不是本平台的地市，请从地市列表中选择`);
    const unit = await this.uow.read(UNITS).findActiveByName(city.name);
    if (!unit) throw new ActionRefusedError(`地市 ${city.name} 尚未同步到单位名录，请先运行 hub db seed`);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const tickets = tx.get(TICKETS);
      const ticket = await tickets.findById(ticketId);
      if (!ticket) throw new TicketNotFoundError(ticketId);
      const refusal = mayHandToCity(ticket);
      if (refusal) throw new ActionRefusedError(refusal);
      const formerNumber = formatTicketNumber(ticket.numberPrefix || this.config.env.ticketPrefix, ticket.receivedAt, ticket.id);
      const number = formatTicketNumber(city.prefix, ticket.receivedAt, ticket.id);
      // The city's desk holds it in its triage from now on (deskUnitId), and its operators see it (their scope is the city's sub-tree).
      const changes = { cityUnitId: unit.id, deskUnitId: unit.id, numberPrefix: city.prefix, formerNumber };
      await tickets.update(ticketId, changes);
      Object.assign(ticket, changes);
      await tx.get(TICKET_EVENTS).record({
        ticketId,
        type: 'handed_to_city',
        actor,
        at: now,
        reason: reason?.trim() || `转交${city.name}`,
        data: { city: city.name, cityUnitId: unit.id, number, formerNumber },
      });
      return ticket;
    });
  }
}
