import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, JsonColumn, NullableInt, NullableStr, NullableText, Str, UpdatedAt } from './columns';

/**
 * Everything that came in, recorded raw before parsing (the original .eml, export file or form
 * post under HUB_DATA_DIR). A parser bug is fixed and the item re-run: nothing is ever lost.
 */
@Entity('intake_items')
@Index('uq_intake_mail_message', ['mailbox', 'messageId'], { unique: true })
@Index('uq_intake_mail_uid', ['mailbox', 'uidValidity', 'uid'], { unique: true })
@Index('ix_intake_status', ['status', 'createdAt'])
export class IntakeItemEntity {
  @PrimaryGeneratedColumn() id!: number;
  /** mail | export_file | http */
  @Str(16) kind!: string;
  @Str(100) sourceName!: string;
  @NullableStr(100) mailbox!: string | null;
  @NullableStr(200) folder!: string | null;
  @Column({ type: 'bigint', nullable: true, default: null }) uidValidity!: string | null;
  @NullableInt() uid!: number | null;
  @NullableStr(500) messageId!: string | null;
  /** Path of the raw bytes, relative to HUB_DATA_DIR. */
  @Str(300) rawPath!: string;
  @Str(64) sha256!: string;
  @Int({ default: 0 }) size!: number;
  /** received | ticketed | threaded | ignored | quarantined | duplicate */
  @Str(16) status!: string;
  @NullableText() reason!: string | null;
  @NullableInt() ticketId!: number | null;
  @Int({ default: 0 }) attempts!: number;
  @JsonColumn() summary!: Record<string, unknown> | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
