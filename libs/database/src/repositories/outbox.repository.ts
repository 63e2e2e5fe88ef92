import type { EntityManager } from 'typeorm';
import { OutgoingMailEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export const MAIL_KINDS = ['dispatch', 'reminder', 'answer', 'alert', 'digest', 'notice'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface OutgoingMail {
  /** Same key, same mail: a second add with it adds nothing (idempotent handlers, retried jobs). */
  dedupeKey: string;
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  html?: string | null;
  from?: string | null;
  inReplyTo?: string | null;
  references?: string[] | null;
  ticketId?: number | null;
}

/** The outbox of mails (the sender's claim/lease side lives with the sender). */
export interface OutboxRepository {
  /** The new row's id, or null when a mail with that dedupe key is already there. */
  add(mail: OutgoingMail): Promise<number | null>;
}

export class TypeOrmOutboxRepository implements OutboxRepository {
  constructor(private readonly m: EntityManager) {}

  async add(mail: OutgoingMail): Promise<number | null> {
    const repo = this.m.getRepository(OutgoingMailEntity);
    const existing = await repo.findOne({ where: { dedupeKey: mail.dedupeKey }, select: ['id'] });
    if (existing) return null;
    const result = await repo.insert(<never>{
      dedupeKey: mail.dedupeKey.slice(0, 150), kind: mail.kind, to: mail.to.join(', '), subject: mail.subject.slice(0, 500),
      text: mail.text, html: mail.html ?? null, fromAddress: mail.from ?? null, inReplyTo: mail.inReplyTo ?? null,
      references: mail.references?.join(' ') ?? null, ticketId: mail.ticketId ?? null, status: 'pending', attempts: 0,
      nextAttemptAt: new Date(),
    });
    return Number(result.identifiers[0]?.id ?? result.raw?.insertId);
  }
}

export const OUTBOX = repositoryToken<OutboxRepository>('outbox', (m) => new TypeOrmOutboxRepository(m));
