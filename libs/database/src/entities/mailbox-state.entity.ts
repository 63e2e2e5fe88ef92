import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Int, NullableStr, NullableText, NullableTime, Str, UpdatedAt } from './columns';

/** The sync cursor and health of one mailbox folder. */
@Entity('mailbox_states')
export class MailboxStateEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(100, { unique: true }) mailbox!: string;
  @Str(200) folder!: string;
  @Column({ type: 'bigint', nullable: true, default: null }) uidValidity!: string | null;
  @Int({ default: 0 }) lastUid!: number;
  @NullableTime() lastPollAt!: Date | null;
  @NullableTime() lastSuccessAt!: Date | null;
  @NullableTime() lastMailAt!: Date | null;
  @NullableText() lastError!: string | null;
  @Int({ default: 0 }) consecutiveFailures!: number;
  /** ok | failing | silent | unknown */
  @Str(16, { default: 'unknown' }) status!: string;
  @NullableTime() alertedAt!: Date | null;
  @NullableStr(16) alertKind!: string | null;
  @UpdatedAt() updatedAt!: Date;
}
