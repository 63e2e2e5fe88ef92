import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableStr, Str } from './columns';

/** A phone that replied TD/退订: it gets no more non-essential SMS (survey invitations). */
@Entity('sms_opt_outs')
export class SmsOptOutEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(24, { unique: true }) phone!: string;
  /** sms-reply | admin */
  @Str(16) via!: string;
  /** What the phone sent, as evidence. */
  @NullableStr(200) text!: string | null;
  @CreatedAt() createdAt!: Date;
}
