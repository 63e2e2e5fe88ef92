import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TicketEntity, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { TicketNotFoundError } from '../../ticket-errors';
import { AssistStep } from '../shared/assist-step';
import { DeadlineBook } from '../shared/deadline-book';
import { activeAssignment } from '../shared/holder';
import { SubChain } from '../shared/sub-chain';
import { runTransition } from '../shared/transition-runner';
import { AcknowledgeTicketCommand } from './acknowledge-ticket.command';

/**
 * 签收: the lead unit's moves the ticket on and meets its acknowledge limit; an assisting unit's, or
 * a lower unit's under a desk (二级派单), marks its own assignment only.
 */
@Injectable()
export class AcknowledgeTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly assist: AssistStep,
    private readonly chain: SubChain,
  ) {}

  async execute(input: AcknowledgeTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null } = validateCommand(AcknowledgeTicketCommand, input);
    const now = this.clock.now();
    if (unitId != null) {
      const a = await this.uow.read(ASSIGNMENTS).findActiveOf(ticketId, unitId);
      if (!a) throw new TicketNotFoundError(ticketId);
      if (a.role === 'assist') return this.assist.record(a, 'assist_acknowledged', actor, { acknowledgedAt: now });
      if (a.role === 'sub') return this.chain.acknowledge(a, actor);
    }
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'acknowledge', actor, at: now },
      async ({ tx }) => {
        const a = await activeAssignment(tx, ticketId, unitId);
        a.acknowledgedAt = now;
        await tx.get(ASSIGNMENTS).save(a);
        await this.book.meet(tx, { assignmentId: a.id, stages: ['acknowledge'] }, now);
      },
      (t) => ({ acknowledgedAt: t.acknowledgedAt ?? now }),
    );
    return ticket;
  }
}
