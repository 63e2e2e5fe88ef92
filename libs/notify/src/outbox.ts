import { EntityManager } from 'typeorm';
import { OutgoingMail, TypeOrmOutboxRepository } from '@hub/database';

export type { OutgoingMail } from '@hub/database';

/**
 * Writes a mail to the outbox inside the caller's transaction. Returns the outbox id when it is
 * new (the caller enqueues `mail-send` after commit) or null when that key was already there.
 * Use cases call `tx.mail()` of their unit of work instead, which also queues the send.
 */
export async function queueMail(m: EntityManager, mail: OutgoingMail): Promise<number | null> {
  return new TypeOrmOutboxRepository(m).add(mail);
}
