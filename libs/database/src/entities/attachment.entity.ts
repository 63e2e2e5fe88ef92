import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, CreatedAt, Int, NullableInt, NullableStr, Str } from './columns';

/** A file a citizen sent with a letter, stored content-addressed under HUB_DATA_DIR. */
@Entity('attachments')
@Index('ix_attachment_ticket', ['ticketId'])
export class AttachmentEntity {
  @PrimaryGeneratedColumn() id!: number;
  @NullableInt() ticketId!: number | null;
  @NullableInt() intakeItemId!: number | null;
  @Str(300) filename!: string;
  @Str(150) contentType!: string;
  @Int() size!: number;
  @Str(64) sha256!: string;
  /** Relative to HUB_DATA_DIR; null when the file was over the size limit and not kept. */
  @NullableStr(300) path!: string | null;
  @Bool() tooLarge!: boolean;
  @CreatedAt() createdAt!: Date;
}
