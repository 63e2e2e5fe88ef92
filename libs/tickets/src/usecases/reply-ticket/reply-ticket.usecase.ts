import { Inject, Injectable } from '@nestjs/common';
import { ASSIGNMENTS, TASKS, TicketEntity, UnitOfWork, UNITS, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { TicketNotFoundError } from '../../ticket-errors';
import { AssistStep } from '../shared/assist-step';
import { mailAnswerToCitizen } from '../shared/citizen-answer';
import { sendSurveyLink } from '../../citizens/survey-link';
import { DeadlineBook } from '../shared/deadline-book';
import { activeAssignment } from '../shared/holder';
import { TicketFactsReader } from '../shared/ticket-facts';
import { runTransition } from '../shared/transition-runner';
import { ReplyTicketCommand } from './reply-ticket.command';

/**
 * 办结反馈: the unit's answer. The citizen is answered (a mail for a letter, a call-back task for a
 * call) and a follow-up (回访) is due. An assisting unit's 反馈 is its part only.
 */
@Injectable()
export class ReplyTicketUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly book: DeadlineBook,
    private readonly facts: TicketFactsReader,
    private readonly assist: AssistStep,
  ) {}

  async execute(input: ReplyTicketCommand): Promise<TicketEntity> {
    const { ticketId, actor, unitId = null, outcome, text } = validateCommand(ReplyTicketCommand, input);
    const now = this.clock.now();
    if (unitId != null) {
      const a = await this.uow.read(ASSIGNMENTS).findActiveOf(ticketId, unitId);
      if (!a) throw new TicketNotFoundError(ticketId);
      if (a.role === 'assist') return this.assist.record(a, 'assist_replied', actor, { repliedAt: now, outcome, replyText: text });
    }
    const { ticket } = await runTransition(
      this.uow,
      ticketId,
      { action: 'reply', actor, at: now, outcome, replyText: text },
      async ({ tx, ticket }) => {
        const a = await activeAssignment(tx, ticketId, unitId);
        Object.assign(a, { repliedAt: now, outcome, replyText: text, acknowledgedAt: a.acknowledgedAt ?? now });
        await tx.get(ASSIGNMENTS).save(a);
        await this.book.meet(tx, { assignmentId: a.id, stages: ['reply', 'acknowledge', 'first_contact', 'return_window'] }, now);
        const round = ticket.reopenCount + 1;
        const followUp = await this.book.open(tx, { ticketId, stage: 'follow_up', start: now, ctx: await this.facts.policyContext(tx, ticket) });
        const tasks = tx.get(TASKS);
        await tasks.add({ ticketId, kind: 'follow_up', round, status: 'open', dueAt: followUp?.dueAt ?? null });
        const unit = await tx.get(UNITS).findById(a.unitId);
        const mailed = await mailAnswerToCitizen(tx, this.facts, ticket, {
          dedupeKey: `answer-${ticket.id}-${round}`,
          outcome,
          text,
          unit: unit?.name ?? null,
        });
        if (!mailed) await tasks.add({ ticketId, kind: 'callback', round, status: 'open', dueAt: followUp?.dueAt ?? null });
        await sendSurveyLink(tx, this.facts, ticket, { round, now, expiresAt: followUp?.dueAt ?? null });
      },
      (t) => ({ repliedAt: now, outcome, acknowledgedAt: t.acknowledgedAt ?? now }),
    );
    return ticket;
  }
}
