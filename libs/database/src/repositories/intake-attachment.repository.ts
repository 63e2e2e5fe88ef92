import { type EntityManager, In } from 'typeorm';
import { AttachmentEntity } from '../entities';
import { insertRows } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';

export interface NewAttachment {
  ticketId: number | null;
  intakeItemId: number | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  path: string | null;
  tooLarge: boolean;
}

/** Files that came with intake items (their bytes are in the raw archive). */
export interface IntakeAttachmentRepository {
  addMany(attachments: NewAttachment[]): Promise<void>;
  /** The attachments of items about to be recorded again (a re-run after a parser fix). */
  removeForItems(intakeItemIds: number[]): Promise<void>;
}

export class TypeOrmIntakeAttachmentRepository implements IntakeAttachmentRepository {
  constructor(private readonly m: EntityManager) {}

  async addMany(attachments: NewAttachment[]): Promise<void> {
    await insertRows(
      this.m,
      'attachments',
      attachments.map((a) => ({ ...a })),
    );
  }

  async removeForItems(intakeItemIds: number[]): Promise<void> {
    if (intakeItemIds.length) await this.m.getRepository(AttachmentEntity).delete({ intakeItemId: In(intakeItemIds) });
  }
}

export const INTAKE_ATTACHMENTS = repositoryToken<IntakeAttachmentRepository>('intake-attachments', (m) => new TypeOrmIntakeAttachmentRepository(m));
