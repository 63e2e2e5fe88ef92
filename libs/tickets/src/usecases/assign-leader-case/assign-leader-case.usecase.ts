import { Inject, Injectable } from '@nestjs/common';
import { TICKET_EVENTS, TicketEntity, TICKETS, UnitOfWork, USERS, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { AssignLeaderCaseCommand } from './assign-leader-case.command';

/**
 * 包案: the ticket is a leader's to the end. Policy rules with `match: { leaderCase: true }` apply
 * to its clocks from now on; repeats merged into it show in the leader's view (重信重访).
 */
@Injectable()
export class AssignLeaderCaseUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: AssignLeaderCaseCommand): Promise<TicketEntity> {
    const { ticketId, actor, leaderId = null } = validateCommand(AssignLeaderCaseCommand, input);
    const now = this.clock.now();
    const leader = leaderId == null ? null : await this.uow.read(USERS).findById(leaderId);
    if (leaderId != null && (!leader || leader.role !== 'leader' || !leader.active))
      throw new ActionRefusedError(`用户 ${leaderId} 不是在职的领导账号，不能包案`);
    return this.uow.run(async (tx) => {
      const tickets = tx.get(TICKETS);
      const ticket = await tickets.findById(ticketId);
      if (!ticket) throw new TicketNotFoundError(ticketId);
      if (ticket.status === 'merged' || ticket.status === 'invalid') throw new ActionRefusedError('已并单或无效的工单不能包案，请在原工单上包案');
      if (ticket.leaderId === leaderId) return ticket;
      await tickets.update(ticketId, { leaderId });
      ticket.leaderId = leaderId;
      await tx.get(TICKET_EVENTS).record({
        ticketId,
        type: 'leader_case',
        actor,
        at: now,
        reason: leader ? `${leader.displayName} 包案` : '取消包案',
        data: { leaderId },
      });
      return ticket;
    });
  }
}
