import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, JsonColumn, NullableInt, NullableStr, NullableTime, Str, TimeColumn } from './columns';

/**
 * A reminder (催办), warning (预警) or escalation (督办) that was decided. Its key is unique, so
 * however many workers and sweeps run, each (deadline, level, due version) is sent once.
 */
@Entity('reminders')
@Index('ix_reminder_ticket', ['ticketId'])
export class ReminderEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(120, { unique: true }) key!: string;
  @Int() deadlineId!: number;
  @Int() ticketId!: number;
  @NullableInt() unitId!: number | null;
  @Str(24) stage!: string;
  /** yellow | red | due | overdue | escalation | digest */
  @Str(16) level!: string;
  @TimeColumn() scheduledAt!: Date;
  /** pending | sent | failed */
  @Str(12) status!: string;
  @NullableTime() sentAt!: Date | null;
  @NullableInt() outboxId!: number | null;
  @JsonColumn() recipients!: string[] | null;
  @NullableStr(500) error!: string | null;
  @CreatedAt() createdAt!: Date;
}
