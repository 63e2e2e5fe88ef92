import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database-errors';
import { MailboxStateEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type MailboxStatePatch = Partial<Omit<MailboxStateEntity, 'id' | 'mailbox' | 'updatedAt'>>;

/** The sync cursor (UIDVALIDITY, last UID) and the health of each mailbox. */
export interface MailboxStateRepository {
  find(mailbox: string): Promise<MailboxStateEntity | null>;
  /** The mailbox's row, made on first sight; `lastMailAt` starts as "watched since", so a mailbox that never receives anything is noticed. */
  ensure(mailbox: string, folder: string, now: Date): Promise<MailboxStateEntity>;
  update(id: number, patch: MailboxStatePatch): Promise<void>;
  list(): Promise<MailboxStateEntity[]>;
}

export class TypeOrmMailboxStateRepository implements MailboxStateRepository {
  constructor(private readonly m: EntityManager) {}

  find(mailbox: string): Promise<MailboxStateEntity | null> {
    return this.m.getRepository(MailboxStateEntity).findOneBy({ mailbox });
  }

  async ensure(mailbox: string, folder: string, now: Date): Promise<MailboxStateEntity> {
    const repo = this.m.getRepository(MailboxStateEntity);
    const found = await repo.findOneBy({ mailbox });
    if (found) return found;
    try {
      await repo.insert({ mailbox, folder, lastUid: 0, status: 'unknown', consecutiveFailures: 0, lastMailAt: now });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another process made it meanwhile
    }
    return repo.findOneByOrFail({ mailbox });
  }

  async update(id: number, patch: MailboxStatePatch): Promise<void> {
    await this.m.getRepository(MailboxStateEntity).update(id, patch);
  }

  list(): Promise<MailboxStateEntity[]> {
    return this.m.getRepository(MailboxStateEntity).find();
  }
}

export const MAILBOX_STATES = repositoryToken<MailboxStateRepository>('mailbox-states', (m) => new TypeOrmMailboxStateRepository(m));
