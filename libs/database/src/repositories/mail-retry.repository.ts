import type { EntityManager } from 'typeorm';
import { OutgoingMailEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** An administrator's retry of an outbox mail (the sender's claim/lease side lives with the sender). */
export interface MailRetryRepository {
  /** The mail's status, or null when there is no such mail. */
  statusOf(mailId: number): Promise<string | null>;
  /** Pending again, attempts reset, due now. */
  makePending(mailId: number, at: Date): Promise<void>;
}

export class TypeOrmMailRetryRepository implements MailRetryRepository {
  constructor(private readonly m: EntityManager) {}

  async statusOf(mailId: number): Promise<string | null> {
    return (await this.m.getRepository(OutgoingMailEntity).findOneBy({ id: mailId }))?.status ?? null;
  }

  async makePending(mailId: number, at: Date): Promise<void> {
    await this.m.getRepository(OutgoingMailEntity).update(mailId, { status: 'pending', attempts: 0, nextAttemptAt: at });
  }
}

export const MAIL_RETRY = repositoryToken<MailRetryRepository>('mail-retry', (m) => new TypeOrmMailRetryRepository(m));
