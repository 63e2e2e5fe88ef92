import { type EntityManager, In } from 'typeorm';
import { IntakeItemEntity, OutgoingMailEntity, RequesterEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** A mail we sent, with the ticket it was about. */
export interface SentMail {
  id: number;
  ticketId: number | null;
  messageId: string | null;
}

/** A letter recorded earlier, with the ticket it became or joined. */
export interface EarlierLetter {
  ticketId: number | null;
  messageId: string | null;
  mailbox: string | null;
}

/** What a citizen's letter may refer to: our answers, their own earlier letters, their e-mail address. */
export interface ReplyThreadRepository {
  sentMailsByOutboxId(outboxIds: number[]): Promise<SentMail[]>;
  /** At most a few: one with a ticket is enough. */
  sentMailsByMessageId(messageIds: string[]): Promise<SentMail[]>;
  lettersByMessageId(mailboxes: string[], messageIds: string[]): Promise<EarlierLetter[]>;
  requesterEmail(requesterId: number): Promise<string | null>;
}

export class TypeOrmReplyThreadRepository implements ReplyThreadRepository {
  constructor(private readonly m: EntityManager) {}

  sentMailsByOutboxId(outboxIds: number[]): Promise<SentMail[]> {
    return this.m.getRepository(OutgoingMailEntity).find({ where: { id: In(outboxIds) }, select: ['id', 'ticketId', 'messageId'] });
  }

  sentMailsByMessageId(messageIds: string[]): Promise<SentMail[]> {
    return this.m.getRepository(OutgoingMailEntity).find({ where: { messageId: In(messageIds) }, select: ['id', 'ticketId', 'messageId'], take: 5 });
  }

  lettersByMessageId(mailboxes: string[], messageIds: string[]): Promise<EarlierLetter[]> {
    return this.m.getRepository(IntakeItemEntity).find({
      where: { mailbox: In(mailboxes), messageId: In(messageIds) },
      select: ['id', 'ticketId', 'messageId', 'mailbox'],
    });
  }

  async requesterEmail(requesterId: number): Promise<string | null> {
    const r = await this.m.getRepository(RequesterEntity).findOne({ where: { id: requesterId }, select: ['id', 'email'] });
    return r?.email ?? null;
  }
}

export const REPLY_THREADS = repositoryToken<ReplyThreadRepository>('reply-threads', (m) => new TypeOrmReplyThreadRepository(m));
