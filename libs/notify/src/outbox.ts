import type { EntityManager } from 'typeorm';
import { OutgoingMail, TypeOrmOutboxRepository } from '@hub/database';

export type { OutgoingMail } from '@hub/database';

/** The outbox key of a reminder's mail (a digest's mail uses the digest's own key as is). */
export const reminderOutboxKey = (key: string): string => `reminder-${key}`;

/** The reminder or digest whose mail this is (its row in `reminders` follows the mail); null for other mails. */
export function reminderKeyOfMail(mail: { kind: string; dedupeKey: string }): string | null {
  if (mail.kind === 'reminder' && mail.dedupeKey.startsWith('reminder-')) return mail.dedupeKey.slice('reminder-'.length);
  return mail.kind === 'digest' ? mail.dedupeKey : null;
}

/**
 * Writes a mail to the outbox inside the caller's transaction. Returns the outbox id when it is
 * new (the caller enqueues `mail-send` after commit) or null when that key was already there.
 * @deprecated Use cases call `tx.mail()` of their unit of work, which also queues the send; this
 * stays only until the last services that still hold an EntityManager have become use cases.
 */
export async function queueMail(m: EntityManager, mail: OutgoingMail): Promise<number | null> {
  return new TypeOrmOutboxRepository(m).add(mail);
}
