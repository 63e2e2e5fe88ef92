import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TicketEntity, TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';
import { AssistStep } from '../shared/assist-step';
import { DeadlineBook } from '../shared/deadline-book';
import { activeAssignment } from '../shared/holder';
import { deliverReply } from '../shared/reply-delivery';
import { TicketFactsReader } from '../shared/ticket-facts';
import { SubChain } from '../shared/sub-chain';
import { runTransition } from '../shared/transition-runner';
import { ReplyTicketCommand } from './reply-ticket.command';

/**
 * 办结反馈: the unit's answer. The citizen is answered (a mail for a letter, a call-back task for a
 * call) and a follow-up (回访) is due. An assisting unit's 反馈 is its part only. Where the policy
 * puts replies under 办结审核, the reply waits (待审核) and nothing reaches the citizen until the
 * centre accepts it (ReviewReplyUseCase); the ticket's repliedAt is set then, to the unit's time.
 * A lower unit's reply under a desk (二级派单) goes to the desk (SubChain), not to the citizen.
 */
@Injectable()
export class ReplyTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
    private readonly assist: AssistStep,
    private readonly chain: SubChain,
  ) {}

  async execute(input: ReplyTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, outcome, text } = validateCommand(ReplyTicketCommand, input);
    const now = this.clock.now();
    if (unitId != null) {
      const a = await this.uow.read(ASSIGNMENTS).findActiveOf(ticketId, unitId);
      if (!a) throw new TicketNotFoundError(ticketId);
      if (a.role === 'assist') return this.assist.record(a, 'assist_replied', actor, { repliedAt: now, outcome, replyText: text });
      if (a.role === 'sub') return this.chain.reply(a, actor, outcome, text);
      if ((await this.chain.childrenOf({ get: (token) => this.uow.read(token) }, a)).some((c) => c.status === 'active')) {
        throw new ActionRefusedError('下级单位仍在办理：请待其办结反馈后上报（可修改），或退回重办');
      }
    }
    const current = await this.uow.read(TICKETS).findById(ticketId);
    if (!current) throw new TicketNotFoundError(ticketId);
    const review = this.book.planner.reviewPolicy(await this.facts.policyContext({ get: (token) => this.uow.read(token) }, current));
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'reply', actor, at: now, outcome, replyText: text, needsReview: review.required, data: review.required ? { review: review.rule } : undefined },
      async ({ tx, ticket }) => {
        const a = await activeAssignment(tx, ticketId, unitId);
        Object.assign(a, { repliedAt: now, outcome, replyText: text, acknowledgedAt: a.acknowledgedAt ?? now });
        await tx.get(ASSIGNMENTS).save(a);
        await this.book.meet(tx, { assignmentId: a.id, stages: ['reply', 'acknowledge', 'first_contact', 'return_window'] }, now);
        if (!review.required) await deliverReply(tx, { book: this.book, facts: this.facts }, ticket, a, now);
      },
      (t) => ({ ...(review.required ? {} : { repliedAt: now }), outcome, acknowledgedAt: t.acknowledgedAt ?? now }),
    );
    return ticket;
  }
}
