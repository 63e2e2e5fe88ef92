import { EntityManager } from 'typeorm';
import { OutgoingMailEntity } from '@hub/database';

export interface OutgoingMail {
  /** Same key, same mail: a second call with it adds nothing (idempotent handlers, retried jobs). */
  dedupeKey: string;
  kind: 'dispatch' | 'reminder' | 'answer' | 'alert' | 'digest' | 'notice';
  to: string[];
  subject: string;
  text: string;
  html?: string | null;
  from?: string | null;
  inReplyTo?: string | null;
  references?: string[] | null;
  ticketId?: number | null;
}

/**
 * Writes a mail to the outbox inside the caller's transaction. Returns the outbox id when it is
 * new (the caller enqueues `mail-send` after commit) or null when that key was already there.
 */
export async function queueMail(m: EntityManager, mail: OutgoingMail): Promise<number | null> {
  const repo = m.getRepository(OutgoingMailEntity);
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
