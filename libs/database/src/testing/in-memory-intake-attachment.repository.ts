import type { IntakeAttachmentRepository, NewAttachment } from '../repositories/intake-attachment.repository';
import { InMemoryTable, type Snapshottable } from './in-memory-table';

export class InMemoryIntakeAttachmentRepository implements IntakeAttachmentRepository, Snapshottable {
  readonly table = new InMemoryTable<NewAttachment & { id: number }>();

  async addMany(attachments: NewAttachment[]): Promise<void> {
    for (const a of attachments) this.table.insert(a);
  }

  async removeForItems(intakeItemIds: number[]): Promise<void> {
    for (const a of this.table.where((x) => x.intakeItemId !== null && intakeItemIds.includes(x.intakeItemId))) this.table.delete(a.id);
  }

  snapshot(): () => void {
    return this.table.snapshot();
  }
}
