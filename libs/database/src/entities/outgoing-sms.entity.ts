import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, CreatedAt, Int, NullableInt, NullableStr, NullableText, NullableTime, Str, Text } from './columns';

/**
 * The SMS outbox: every text the hub sends is written here first (in the same transaction as the
 * change that caused it), then sent by the `send-sms` job. The key makes a second send impossible.
 */
@Entity('outgoing_sms')
@Index('ix_sms_status', ['status', 'nextAttemptAt'])
@Index('ix_sms_ticket', ['ticketId'])
export class OutgoingSmsEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(150, { unique: true }) dedupeKey!: string;
  /** receipt | survey | reminder | alert | notice */
  @Str(16) kind!: string;
  /** Digits only, as normalizePhone writes them. */
  @Str(24) phone!: string;
  @Text() text!: string;
  @NullableInt() ticketId!: number | null;
  /** Sent in quiet hours (22:00–08:00 Beijing time) too. */
  @Bool() urgent!: boolean;
  /** Sent even to a phone that replied 退订 (a receipt the caller asked for, an urgent alert). */
  @Bool() essential!: boolean;
  /** pending | sending (claimed until nextAttemptAt) | sent | failed | suppressed (退订) */
  @Str(12) status!: string;
  @Int({ default: 0 }) attempts!: number;
  @NullableText() lastError!: string | null;
  @NullableTime() nextAttemptAt!: Date | null;
  @NullableTime() sentAt!: Date | null;
  /** How many SMS the text took (one, or concatenated segments). */
  @Int({ default: 0 }) segments!: number;
  @Int({ default: 0 }) segmentsDelivered!: number;
  /** From the delivery receipts: delivered | undeliverable | expired | rejected | deleted | unknown. */
  @NullableStr(16) deliveryStatus!: string | null;
  @NullableTime() deliveredAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}
