import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Int, NullableStr, NullableTime, Str } from './columns';

/** One submitted part of an outbox SMS, by the gateway's message id: delivery receipts name it. */
@Entity('sms_segments')
@Index('ix_sms_segment_sms', ['smsId'])
export class SmsSegmentEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() smsId!: number;
  @Int() seq!: number;
  @Str(100, { unique: true }) providerMessageId!: string;
  /** delivered | undeliverable | expired | rejected | deleted | unknown; null until a receipt comes. */
  @NullableStr(16) status!: string | null;
  @NullableTime() doneAt!: Date | null;
}
