import type { IntakeItemEntity } from '../entities';
import type { IntakeItemOutcome, IntakeItemRepository, NewIntakeItem, RecordedLetter } from '../repositories/intake-item.repository';
import { duplicateKeyError } from './in-memory-intake-ticket.repository';
import { InMemoryTable, type Snapshottable } from './in-memory-table';

export type InMemoryIntakeItem = NewIntakeItem & { id: number; createdAt: Date };

export class InMemoryIntakeItemRepository implements IntakeItemRepository, Snapshottable {
  readonly table = new InMemoryTable<InMemoryIntakeItem>();

  async findLetters(mailbox: string, messageIds: string[], uidValidity: string | null, uids: number[]): Promise<RecordedLetter[]> {
    return this.table
      .where(
        (i) =>
          i.mailbox === mailbox &&
          ((i.messageId !== null && messageIds.includes(i.messageId)) ||
            (uidValidity !== null && i.uidValidity === uidValidity && i.uid !== null && uids.includes(i.uid))),
      )
      .map((i) => ({ messageId: i.messageId, uid: i.uid, uidValidity: i.uidValidity }));
  }

  async addMany(items: NewIntakeItem[]): Promise<number[] | null> {
    return items.map((item) => {
      const taken =
        item.mailbox !== null &&
        this.table.where(
          (i) =>
            i.mailbox === item.mailbox &&
            ((item.messageId !== null && i.messageId === item.messageId) || (item.uid !== null && i.uidValidity === item.uidValidity && i.uid === item.uid)),
        );
      if (taken && taken.length) throw duplicateKeyError(`${item.mailbox}-${item.messageId} for key uq_intake_mail_message`);
      return this.table.insert({ ...item, createdAt: new Date() }).id;
    });
  }

  async idsOfLetters(mailbox: string, messageIds: string[]): Promise<Map<string, number>> {
    return new Map(
      this.table.where((i) => i.mailbox === mailbox && i.messageId !== null && messageIds.includes(i.messageId)).map((i) => [i.messageId as string, i.id]),
    );
  }

  async claimForRerun(id: number, status: string): Promise<boolean> {
    const item = this.table.get(id);
    if (!item || item.status !== status) return false;
    this.table.update(id, { attempts: item.attempts + 1 });
    return true;
  }

  async setOutcome(id: number, outcome: IntakeItemOutcome): Promise<void> {
    this.table.update(id, outcome);
  }

  async findById(id: number): Promise<IntakeItemEntity | null> {
    const item = this.table.get(id);
    return item ? ({ ...item, updatedAt: item.createdAt } as IntakeItemEntity) : null;
  }

  async listQuarantinedLetters(limit: number): Promise<Array<Pick<IntakeItemEntity, 'id' | 'mailbox' | 'messageId' | 'reason' | 'createdAt'>>> {
    return this.table
      .where((i) => i.kind === 'mail' && i.status === 'quarantined')
      .slice(0, limit)
      .map((i) => ({ id: i.id, mailbox: i.mailbox, messageId: i.messageId, reason: i.reason, createdAt: i.createdAt }));
  }

  snapshot(): () => void {
    return this.table.snapshot();
  }
}
