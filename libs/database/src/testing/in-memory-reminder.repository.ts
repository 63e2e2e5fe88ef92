import type { NewReminder, ReminderRepository } from '../repositories/reminder.repository';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export type InMemoryReminderRow = Omit<NewReminder, 'status'> & { id: number; status: string; sentAt: Date | null };

export class InMemoryReminderRepository implements ReminderRepository, Snapshottable {
  readonly table = new InMemoryTable<InMemoryReminderRow>();

  async existingKeys(keys: string[]): Promise<Set<string>> {
    const wanted = new Set(keys);
    return new Set(this.table.where((r) => wanted.has(r.key)).map((r) => r.key));
  }
  async exists(key: string): Promise<boolean> {
    return this.table.where((r) => r.key === key).length > 0;
  }
  async addMany(reminders: NewReminder[]): Promise<void> {
    const taken = new Set(this.table.all().map((r) => r.key));
    for (const r of reminders) {
      // As the unique index does: the statement (and so the unit of work) fails.
      if (taken.has(r.key)) throw Object.assign(new Error(`Duplicate entry '${r.key}' for key 'reminders.key'`), { code: 'ER_DUP_ENTRY', errno: 1062 });
      taken.add(r.key);
    }
    for (const r of reminders) this.table.insert({ ...r, sentAt: null });
  }
  async recordMailOutcome(key: string, outcome: { status: 'sent'; sentAt: Date } | { status: 'failed'; error: string }): Promise<void> {
    for (const r of this.table.where((x) => x.key === key)) this.table.update(r.id, outcome);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
