import type { MailRetryRepository } from '../repositories/mail-retry.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

/** Outbox rows as far as a retry sees them. */
export class InMemoryMailRetryRepository implements MailRetryRepository, Snapshottable {
  readonly table = new InMemoryTable<{ id: number; status: string; attempts: number; nextAttemptAt: Date | null }>();

  async statusOf(mailId: number): Promise<string | null> {
    return this.table.get(mailId)?.status ?? null;
  }
  async makePending(mailId: number, at: Date): Promise<void> {
    this.table.update(mailId, { status: 'pending', attempts: 0, nextAttemptAt: at });
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
