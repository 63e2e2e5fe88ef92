import { EntityManager, In } from 'typeorm';
import { ReminderEntity } from '../entities';
import { insertRows } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';

/** A decided reminder (预警, 催办, 督办) or a day's digest, under its unique key. */
export interface NewReminder {
  key: string;
  deadlineId: number;
  ticketId: number;
  unitId: number | null;
  stage: string;
  level: string;
  scheduledAt: Date;
  status: 'pending' | 'failed';
  outboxId: number | null;
  recipients: string[];
  error: string | null;
}

/**
 * The reminders that were decided. The key is unique, so however many sweeps and workers run,
 * each (deadline, level, due version) and each day's digest is written, and mailed, once.
 */
export interface ReminderRepository {
  /** Which of these keys are already there. */
  existingKeys(keys: string[]): Promise<Set<string>>;
  exists(key: string): Promise<boolean>;
  /** A plain insert: a key already there fails it (and the unit of work) — another sweeper had it. */
  addMany(reminders: NewReminder[]): Promise<void>;
  /** The reminder follows its mail: sent, or failed after the last attempt. */
  recordMailOutcome(key: string, outcome: { status: 'sent'; sentAt: Date } | { status: 'failed'; error: string }): Promise<void>;
}

export class TypeOrmReminderRepository implements ReminderRepository {
  constructor(private readonly m: EntityManager) {}

  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.m.getRepository(ReminderEntity).find({ where: { key: In(keys) }, select: ['id', 'key'] });
    return new Set(rows.map((r) => r.key));
  }

  exists(key: string): Promise<boolean> {
    return this.m.getRepository(ReminderEntity).exists({ where: { key } });
  }

  async addMany(reminders: NewReminder[]): Promise<void> {
    await insertRows(
      this.m,
      'reminders',
      reminders.map((r) => ({ ...r })),
    );
  }

  async recordMailOutcome(key: string, outcome: { status: 'sent'; sentAt: Date } | { status: 'failed'; error: string }): Promise<void> {
    await this.m.getRepository(ReminderEntity).update({ key }, outcome);
  }
}

export const REMINDERS = repositoryToken<ReminderRepository>('reminders', (m) => new TypeOrmReminderRepository(m));
