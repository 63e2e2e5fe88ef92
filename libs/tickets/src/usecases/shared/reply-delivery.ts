import { AssignmentEntity, TASKS, TicketEntity, Transaction, UNITS } from '@hub/database';
import type { Outcome } from '@hub/domain';
import { sendSurveyLink } from '../../citizens/survey-link';
import { mailAnswerToCitizen } from './citizen-answer';
import type { DeadlineBook } from './deadline-book';
import type { TicketFactsReader } from './ticket-facts';

/**
 * The lead unit's reply reaches the citizen: a mail for a letter (a call-back task for a call) and
 * the follow-up (回访) starts. Right after 办结反馈, or after 办结审核 accepted it.
 */
export async function deliverReply(
  tx: Transaction,
  deps: { book: DeadlineBook; facts: TicketFactsReader },
  ticket: TicketEntity,
  a: Pick<AssignmentEntity, 'unitId'> & { outcome: string | null; replyText: string | null },
  now: Date,
): Promise<void> {
  const round = ticket.reopenCount + 1;
  const followUp = await deps.book.open(tx, { ticketId: ticket.id, stage: 'follow_up', start: now, ctx: await deps.facts.policyContext(tx, ticket) });
  const tasks = tx.get(TASKS);
  await tasks.add({ ticketId: ticket.id, kind: 'follow_up', round, status: 'open', dueAt: followUp?.dueAt ?? null });
  const unit = await tx.get(UNITS).findById(a.unitId);
  const mailed = await mailAnswerToCitizen(tx, deps.facts, ticket, {
    dedupeKey: `answer-${ticket.id}-${round}`,
    outcome: a.outcome as Outcome | null,
    text: a.replyText ?? '',
    unit: unit?.name ?? null,
  });
  if (!mailed) await tasks.add({ ticketId: ticket.id, kind: 'callback', round, status: 'open', dueAt: followUp?.dueAt ?? null });
  // 回访 by link too (mail or SMS): the phone task stays until an answer comes.
  await sendSurveyLink(tx, deps.facts, ticket, { round, now, expiresAt: followUp?.dueAt ?? null });
}
