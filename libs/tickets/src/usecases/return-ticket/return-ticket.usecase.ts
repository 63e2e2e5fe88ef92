import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, DEADLINES, TicketEntity, TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { ActionRefusedError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { activeAssignment, requireHolder } from '../shared/holder';
import { SubChain } from '../shared/sub-chain';
import { runTransition } from '../shared/transition-runner';
import { ReturnTicketCommand } from './return-ticket.command';

/** 退单: only within the return window; the clock of the unit's deadlines stops until an operator decides. */
@Injectable()
export class ReturnTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly chain: SubChain,
  ) {}

  async execute(input: ReturnTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, reason } = validateCommand(ReturnTicketCommand, input);
    const now = this.clock.now();
    if (unitId != null) {
      // A lower unit under a desk (二级派单) returns it to the desk, not to the city's triage.
      const held = await this.uow.read(ASSIGNMENTS).findActiveOf(ticketId, unitId);
      if (held?.role === 'sub') return this.chain.returnUp(held, actor, reason);
      if (held && (await this.chain.childrenOf({ get: (token) => this.uow.read(token) }, held)).some((c) => c.status === 'active')) {
        throw new ActionRefusedError('该工单已转派下级单位办理，须待下级单位反馈或退单后再退单');
      }
    }
    await requireHolder(this.uow, ticketId, unitId);
    const { ticket } = await runTransition(this.uow, ticketId, { action: 'return', actor, at: now, reason }, async ({ tx, ticket }) => {
      const a = await activeAssignment(tx, ticketId, unitId);
      const window = await tx.get(DEADLINES).findOf(a.id, 'return_window');
      if (window && window.dueAt.getTime() < now.getTime()) {
        throw new ActionRefusedError(`the return window closed at ${window.dueAt.toISOString()}; ask an operator to reassign instead`);
      }
      Object.assign(a, { returnedAt: now, returnReason: reason, status: 'returned' });
      await tx.get(ASSIGNMENTS).save(a);
      await this.book.pause(tx, { assignmentId: a.id }, now);
      await tx.get(TICKETS).update(ticket.id, { returnCount: ticket.returnCount + 1 });
    });
    return ticket;
  }
}
