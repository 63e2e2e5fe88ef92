import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TicketEntity, TICKETS, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { Actor, CLOCK, Clock } from '@hub/domain';
import { replySentBackNotice } from '@hub/notify';
import { ActionRefusedError } from '../../ticket-errors';
import { DeadlineBook } from '../shared/deadline-book';
import { activeAssignment } from '../shared/holder';
import { deliverReply } from '../shared/reply-delivery';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { ReviewReplyCommand } from './review-reply.command';

/**
 * 办结审核 of a reply held for review. 审核通过: the reply reaches the citizen now and the 回访
 * starts; the ticket counts as replied at the unit's time. 退回重办: the reply is set aside, the
 * unit is told why and gets the policy's rework time to reply again.
 */
@Injectable()
export class ReviewReplyUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
  ) {}

  async execute(input: ReviewReplyCommand): Promise<TicketEntity> {
    const cmd = validateCommand(ReviewReplyCommand, input);
    return cmd.decision === 'accept' ? this.accept(cmd.ticketId, cmd.actor, cmd.reason ?? null) : this.sendBack(cmd.ticketId, cmd.actor, cmd.reason ?? '');
  }

  private async accept(ticketId: number, actor: Actor, note: string | null): Promise<TicketEntity> {
    const now = this.clock.now();
    const { ticket } = await runTransition(this.uow, ticketId, { action: 'accept_reply', actor, at: now, reason: note }, async ({ tx, ticket }) => {
      const a = await activeAssignment(tx, ticketId, null);
      if (!a.repliedAt) throw new ActionRefusedError('没有待审核的办结反馈');
      await tx.get(TICKETS).update(ticket.id, { repliedAt: a.repliedAt });
      ticket.repliedAt = a.repliedAt;
      await deliverReply(tx, { book: this.book, facts: this.facts }, ticket, a, now);
    });
    return ticket;
  }

  private async sendBack(ticketId: number, actor: Actor, reason: string): Promise<TicketEntity> {
    const now = this.clock.now();
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'send_back', actor, at: now, reason },
      async ({ tx, ticket }) => {
        const a = await activeAssignment(tx, ticketId, null);
        Object.assign(a, { repliedAt: null, outcome: null, replyText: null });
        await tx.get(ASSIGNMENTS).save(a);
        const ctx = await this.facts.policyContext(tx, ticket);
        const due = await this.book.open(tx, { ticketId, assignmentId: a.id, unitId: a.unitId, stage: 'reply', start: now, ctx, rework: true });
        await tx.get(TICKETS).update(ticket.id, { replyDueAt: due?.dueAt ?? null });
        ticket.replyDueAt = due?.dueAt ?? null;
        const unit = await tx.get(UNITS).findById(a.unitId);
        if (unit?.email) {
          const notice = replySentBackNotice(this.facts.number(ticket), unit.name, reason, due?.dueAt ?? null, this.facts.link(ticket));
          await tx.mail({ dedupeKey: `send-back-${a.id}-${now.getTime()}`, kind: 'notice', to: [unit.email], ticketId, ...notice });
        }
      },
      () => ({ outcome: null }),
    );
    return ticket;
  }
}
