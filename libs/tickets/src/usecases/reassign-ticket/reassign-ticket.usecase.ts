import { Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TicketEntity, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { ActionRefusedError } from '../../ticket-errors';
import { UnitDispatcher } from '../shared/unit-dispatcher';
import { ReassignTicketCommand } from './reassign-ticket.command';

/** 改派: a returned ticket, or one a unit holds, goes to another unit; the old unit's deadlines end. */
@Injectable()
export class ReassignTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dispatcher: UnitDispatcher,
  ) {}

  async execute(input: ReassignTicketCommand): Promise<TicketEntity> {
    const cmd = validateCommand(ReassignTicketCommand, input);
    const lead = await this.uow.read(ASSIGNMENTS).findLatest(cmd.ticketId, { role: 'lead', status: 'active' });
    if (lead && lead.unitId === cmd.unitId) {
      const unit = await this.uow.read(UNITS).findById(lead.unitId);
      throw new ActionRefusedError(`the ticket is already with ${unit?.name ?? `unit ${lead.unitId}`}; reassign it to another unit`);
    }
    return this.dispatcher.send('reassign', cmd);
  }
}
