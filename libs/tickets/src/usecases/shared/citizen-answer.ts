import { REQUESTERS, TicketEntity, Transaction } from '@hub/database';
import type { Outcome } from '@hub/domain';
import { answerToCitizen } from '@hub/notify';
import type { TicketFactsReader } from './ticket-facts';

/**
 * Mails the answer to a citizen who wrote (not one who phoned: a call is answered by a call-back),
 * from the mailbox the letter came to and threaded under it. False when there is no one to mail.
 */
export async function mailAnswerToCitizen(
  tx: Transaction,
  facts: TicketFactsReader,
  ticket: TicketEntity,
  answer: { dedupeKey: string; outcome: Outcome | null; text: string; unit: string | null },
): Promise<boolean> {
  const requester = ticket.requesterId ? await tx.get(REQUESTERS).findById(ticket.requesterId) : null;
  if (ticket.channel === 'hotline' || !requester?.email) return false;
  const mail = answerToCitizen(facts.number(ticket), requester.name, answer.outcome, answer.text, answer.unit);
  await tx.mail({
    dedupeKey: answer.dedupeKey,
    kind: 'answer',
    to: [requester.email],
    ...mail,
    ticketId: ticket.id,
    from: await facts.mailboxAddress(tx, ticket),
    inReplyTo: ticket.messageId,
    references: ticket.messageId ? [ticket.messageId] : null,
  });
  return true;
}
