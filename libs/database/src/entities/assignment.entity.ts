import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignmentRole, AssignmentStatus, Outcome } from '@hub/domain';
import { CreatedAt, Int, NullableInt, NullableStr, NullableText, NullableTime, Str, TimeColumn, UpdatedAt } from './columns';

/** A ticket given to one unit, as lead (主办) or assisting (协办), with its own progress. */
@Entity('assignments')
@Index('ix_assignment_unit_status', ['unitId', 'status'])
/** A unit's tickets read from the index alone (a unit user's scope, a scoped desk's tickets, the lists' unit filters); a ticket's units likewise. */
@Index('ix_assignment_unit_ticket', ['unitId', 'ticketId', 'status'])
@Index('ix_assignment_ticket', ['ticketId', 'unitId', 'status'])
/** The active assignments (办理中, 待签收 for every unit) and their step, from the index alone (issue #17). */
@Index('ix_list_assignment_active', ['status', 'ticketId', 'unitId', 'acknowledgedAt', 'repliedAt'])
/** A scope's tickets in a status view (its triage), by their status as the assignments carry it. */
@Index('ix_assignment_unit_ticket_status', ['unitId', 'ticketStatus', 'ticketId'])
export class AssignmentEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() ticketId!: number;
  @Int() unitId!: number;
  /** lead | assist | sub (below a desk unit, see parentAssignmentId) */
  @Str(8) role!: AssignmentRole;
  /** active | returned | reassigned | replied | closed | cancelled */
  @Str(16) status!: AssignmentStatus;
  @TimeColumn() dispatchedAt!: Date;
  @NullableTime() acknowledgedAt!: Date | null;
  @NullableTime() returnedAt!: Date | null;
  @NullableText() returnReason!: string | null;
  @NullableTime() repliedAt!: Date | null;
  @NullableStr(24) outcome!: Outcome | null;
  @NullableText() replyText!: string | null;
  @Int({ default: 0 }) extensionCount!: number;
  /**
   * The ticket's status, a copy kept by the database's triggers (AssignmentTicketStatus migration)
   * for every writer: never written, nor read, from here.
   */
  @NullableStr(24, { insert: false, update: false, select: false }) ticketStatus?: string | null;
  /** 二级派单: the desk unit's assignment this one was re-dispatched from (its reply and returns go there). */
  @NullableInt() parentAssignmentId!: number | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
}
