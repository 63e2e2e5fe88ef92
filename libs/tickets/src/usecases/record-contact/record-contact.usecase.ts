import { Inject, Injectable } from '@nestjs/common';
import { TICKET_EVENTS, TicketEntity, TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { requireHolder } from '../shared/holder';
import { CONTACT_STATUSES } from '../shared/offered-actions';
import { RecordContactCommand } from './record-contact.command';

/** 首次联系: the unit has contacted the requester (no change of state; the first-contact limit is met). */
@Injectable()
export class RecordContactUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async execute(input: RecordContactCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, note } = validateCommand(RecordContactCommand, input);
    const now = this.clock.now();
    await requireHolder(this.uow, ticketId, unitId, 'any');
    await this.uow.run(async (tx) => {
      const t = await tx.get(TICKETS).findById(ticketId);
      if (!t || !CONTACT_STATUSES.includes(t.status)) throw new ActionRefusedError('first contact is recorded while a unit handles the ticket');
      await this.book.meet(tx, { ticketId, stages: ['first_contact'] }, now);
      await tx.get(TICKET_EVENTS).record({ ticketId, type: 'first_contact', actor, at: now, reason: note, data: unitId ? { unitId } : null });
    });
    const ticket = await this.uow.read(TICKETS).findById(ticketId);
    if (!ticket) throw new TicketNotFoundError(ticketId);
    return ticket;
  }
}
