import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, NullableInt, NullableStr, NullableText, NullableTime, Str, Text, TimeColumn } from './columns';

/**
 * 督办单: a supervisor's written order on one ticket to the unit handling it. Orders opened
 * together on several tickets share a batchKey. The due time is kept in a `deadlines` row
 * (stage `supervision`) so the reminder sweep chases it; `reported` is set when its ladder ends.
 */
@Entity('supervision_orders')
@Index('ix_supervision_unit', ['unitId', 'status'])
@Index('ix_supervision_ticket', ['ticketId'])
@Index('ix_supervision_issued', ['issuedAt'])
@Index('ix_supervision_deadline', ['deadlineId'])
export class SupervisionOrderEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() ticketId!: number;
  @Int() unitId!: number;
  @NullableInt() deadlineId!: number | null;
  @NullableStr(40) batchKey!: string | null;
  /** urge (催办) | supervise (督办) | listed (挂牌督办) */
  @Str(12) level!: string;
  /** open | answered | reported | withdrawn */
  @Str(12) status!: string;
  @Text() reason!: string;
  @Text() instructions!: string;
  /** Issued (the clock's time; the period reports count by). */
  @TimeColumn() issuedAt!: Date;
  @TimeColumn() dueAt!: Date;
  @NullableInt() issuedById!: number | null;
  @Str(100) issuedByName!: string;
  @NullableText() answerText!: string | null;
  @NullableTime() answeredAt!: Date | null;
  @NullableStr(100) answeredByName!: string | null;
  /** When the ladder put it on the 通报 list (kept after a late answer). */
  @NullableTime() reportedAt!: Date | null;
  @NullableTime() withdrawnAt!: Date | null;
  @NullableText() withdrawReason!: string | null;
  @CreatedAt() createdAt!: Date;
}
