import type { MailboxStateEntity } from '../entities';
import type { MailboxStatePatch, MailboxStateRepository } from '../repositories/mailbox-state.repository';
import { InMemoryTable, type Snapshottable } from './in-memory-table';

export class InMemoryMailboxStateRepository implements MailboxStateRepository, Snapshottable {
  readonly table = new InMemoryTable<MailboxStateEntity>();

  async find(mailbox: string): Promise<MailboxStateEntity | null> {
    return this.table.where((s) => s.mailbox === mailbox)[0] ?? null;
  }

  async ensure(mailbox: string, folder: string, now: Date): Promise<MailboxStateEntity> {
    return (
      (await this.find(mailbox)) ??
      this.table.insert({
        mailbox,
        folder,
        uidValidity: null,
        lastUid: 0,
        lastPollAt: null,
        lastSuccessAt: null,
        lastMailAt: now,
        lastError: null,
        consecutiveFailures: 0,
        status: 'unknown',
        alertedAt: null,
        alertKind: null,
        updatedAt: now,
      })
    );
  }

  async update(id: number, patch: MailboxStatePatch): Promise<void> {
    this.table.update(id, patch);
  }

  async list(): Promise<MailboxStateEntity[]> {
    return this.table.all();
  }

  snapshot(): () => void {
    return this.table.snapshot();
  }
}
