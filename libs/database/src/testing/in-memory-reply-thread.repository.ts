import type { EarlierLetter, ReplyThreadRepository, SentMail } from '../repositories/reply-thread.repository';
import type { InMemoryIntakeItemRepository } from './in-memory-intake-item.repository';
import type { InMemoryIntakeTicketRepository } from './in-memory-intake-ticket.repository';

/** Reads the in-memory intake items and requesters; sent mails are given (the outbox twin keeps no Message-IDs). */
export class InMemoryReplyThreadRepository implements ReplyThreadRepository {
  readonly sent: SentMail[] = [];

  constructor(
    private readonly items: InMemoryIntakeItemRepository,
    private readonly tickets: InMemoryIntakeTicketRepository,
  ) {}

  async sentMailsByOutboxId(outboxIds: number[]): Promise<SentMail[]> {
    return this.sent.filter((s) => outboxIds.includes(s.id));
  }

  async sentMailsByMessageId(messageIds: string[]): Promise<SentMail[]> {
    return this.sent.filter((s) => s.messageId !== null && messageIds.includes(s.messageId)).slice(0, 5);
  }

  async lettersByMessageId(mailboxes: string[], messageIds: string[]): Promise<EarlierLetter[]> {
    return this.items.table
      .where((i) => i.mailbox !== null && mailboxes.includes(i.mailbox) && i.messageId !== null && messageIds.includes(i.messageId))
      .map((i) => ({ ticketId: i.ticketId, messageId: i.messageId, mailbox: i.mailbox }));
  }

  async requesterEmail(requesterId: number): Promise<string | null> {
    return this.tickets.requesters.get(requesterId)?.email ?? null;
  }
}
