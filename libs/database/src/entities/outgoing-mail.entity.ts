import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, NullableInt, NullableStr, NullableText, NullableTime, Str, Text } from './columns';

/**
 * The outbox: every mail the hub sends is written here first (in the same transaction as the
 * change that caused it), then sent by a queue with retries. The key makes a second send impossible.
 */
@Entity('outgoing_mail')
@Index('ix_outbox_status', ['status', 'nextAttemptAt'])
@Index('ix_outbox_message', ['messageId'])
export class OutgoingMailEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(150, { unique: true }) dedupeKey!: string;
  /** dispatch | reminder | answer | alert | digest */
  @Str(16) kind!: string;
  @Text() to!: string;
  @NullableStr(300) fromAddress!: string | null;
  @Str(500) subject!: string;
  @Text() text!: string;
  @NullableText() html!: string | null;
  @NullableStr(500) inReplyTo!: string | null;
  @NullableText() references!: string | null;
  @NullableInt() ticketId!: number | null;
  /** pending | sending (claimed by a sender until nextAttemptAt) | sent | failed */
  @Str(12) status!: string;
  @Int({ default: 0 }) attempts!: number;
  @NullableText() lastError!: string | null;
  @NullableStr(300) messageId!: string | null;
  @NullableTime() nextAttemptAt!: Date | null;
  @NullableTime() sentAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}
