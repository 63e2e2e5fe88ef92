import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeadlineBasis, DeadlineStatus, ReminderLevel, TrackedStage } from '@hub/domain';
import { CreatedAt, Int, JsonColumn, NullableInt, NullableStr, NullableTime, Str, TimeColumn, UpdatedAt } from './columns';

/**
 * One time limit of one stage (dispatch, acknowledge, reply...) for a ticket or an assignment.
 * The reminder schedule lives here, as an indexed next-due time, not as millions of delayed jobs.
 */
@Entity('deadlines')
@Index('ix_deadline_due', ['status', 'nextReminderAt'])
@Index('ix_deadline_ticket', ['ticketId', 'stage'])
@Index('ix_deadline_unit', ['unitId', 'status', 'dueAt'])
// The daily overdue digest: open deadlines past their due time.
@Index('ix_deadline_open_due', ['status', 'dueAt'])
/** The lists sorted by due time or lateness read a ticket's open deadlines from this index alone (no row of the deadline). */
@Index('ix_deadline_open_ticket', ['status', 'ticketId', 'pausedAt', 'dueAt', 'unitId'])
export class DeadlineEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() ticketId!: number;
  @NullableInt() assignmentId!: number | null;
  @NullableInt() unitId!: number | null;
  /** dispatch | acknowledge | first_contact | return_window | reply | follow_up */
  @Str(24) stage!: TrackedStage;
  @TimeColumn() startAt!: Date;
  @TimeColumn() dueAt!: Date;
  /** working (a limit in working days: only working time counts) | calendar (calendar days) | hours (minutes or hours: wall time, escalated sooner) */
  @Str(10, { default: 'calendar' }) basis!: DeadlineBasis;
  /** open | met | cancelled */
  @Str(12) status!: DeadlineStatus;
  @NullableTime() metAt!: Date | null;
  /** Paused since (waiting for the requester or an extension decision). */
  @NullableTime() pausedAt!: Date | null;
  @Int({ default: 0 }) pausedMs!: number;
  /** Bumped whenever dueAt moves, so reminders of the old due time are not confused with new ones. */
  @Int({ default: 1 }) dueVersion!: number;
  @NullableTime() nextReminderAt!: Date | null;
  @NullableStr(16) nextLevel!: ReminderLevel | null;
  @NullableStr(16) lastLevelSent!: ReminderLevel | null;
  @JsonColumn() warnings!: string[] | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
