import { Inject, Injectable } from '@nestjs/common';
import { AssignmentEntity, AssignmentProgress, ASSIGNMENTS, TICKET_EVENTS, TicketEntity, TICKETS, UnitOfWork } from '@hub/database';
import { Actor, CLOCK, Clock, IllegalTransitionError } from '@hub/domain';
import { TicketNotFoundError } from '../../ticket-errors';
import { DeadlineBook } from './deadline-book';

/**
 * An assisting unit's 签收 or 反馈: once each, 反馈 after 签收, like the lead's, without moving the
 * ticket (its status follows the lead). The assignment row is changed only while the step is
 * still open, so a double click or two requests at once record it once.
 */
@Injectable()
export class AssistStep {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
  ) {}

  async record(a: AssignmentEntity, type: 'assist_acknowledged' | 'assist_replied', actor: Actor, changes: AssignmentProgress): Promise<TicketEntity> {
    const action = type === 'assist_acknowledged' ? 'acknowledge' : 'reply';
    const refuse = async (why: string) => new IllegalTransitionError(action, (await this.ticket(a.ticketId)).status, `the assisting unit (协办) ${why}`);
    if (type === 'assist_replied' && !a.acknowledgedAt) throw await refuse('must acknowledge (签收) the ticket before replying');
    const done = await this.uow.run(async (tx) => {
      if (!(await tx.get(ASSIGNMENTS).recordStepIfOpen(a.id, type === 'assist_acknowledged' ? 'acknowledgedAt' : 'repliedAt', changes))) return false;
      if (type === 'assist_replied') await this.book.meet(tx, { assignmentId: a.id, stages: ['reply'] }, this.clock.now());
      await tx.get(TICKET_EVENTS).record({ ticketId: a.ticketId, type, actor, at: this.clock.now(), data: { unitId: a.unitId, ...changes } });
      return true;
    });
    if (!done)
      throw await refuse(type === 'assist_acknowledged' ? 'has already acknowledged (签收) this ticket' : 'has already replied (办结反馈) on this ticket');
    return this.ticket(a.ticketId);
  }

  private async ticket(id: number): Promise<TicketEntity> {
    const t = await this.uow.read(TICKETS).findById(id);
    if (!t) throw new TicketNotFoundError(id);
    return t;
  }
}
