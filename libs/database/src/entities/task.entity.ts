import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TaskKind, TaskStatus } from '@hub/domain';
import { CreatedAt, Int, NullableInt, NullableText, NullableTime, Str } from './columns';

/** Work for an operator: call a requester back with the answer, or do the follow-up survey (回访). */
@Entity('tasks')
@Index('uq_task_ticket_kind_round', ['ticketId', 'kind', 'round'], { unique: true })
@Index('ix_task_open', ['status', 'dueAt'])
export class TaskEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() ticketId!: number;
  /** callback | follow_up */
  @Str(16) kind!: TaskKind;
  /** Which reply this task follows (a reopened ticket gets a new round). */
  @Int({ default: 1 }) round!: number;
  /** open | done | cancelled */
  @Str(12) status!: TaskStatus;
  @NullableTime() dueAt!: Date | null;
  @NullableTime() doneAt!: Date | null;
  @NullableInt() doneBy!: number | null;
  @NullableText() note!: string | null;
  @CreatedAt() createdAt!: Date;
}
