import { Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Channel, Disposition, Outcome, Rating, TicketStatus, Urgency } from '@hub/domain';
import { Bool, CreatedAt, Int, JsonColumn, NullableInt, NullableStr, NullableTime, Str, Text, TimeColumn, UpdatedAt } from './columns';

export interface ClassificationSnapshot {
  category: string | null;
  region: string | null;
  department: string | null;
  urgency: string;
  /** The classifier was unsure whether it is urgent (疑似紧急); absent on snapshots taken before. */
  urgencySuspected?: boolean;
  urgencyScore?: number | null;
  disposition: string;
  confidence: number;
  auto: boolean;
  suggestions?: Array<{ category: string; department: string | null; confidence: number }>;
  why?: Record<string, unknown>;
  modelVersion?: string | null;
}

/**
 * One request (工单) from intake to archive. The human number (QH20261129-000123) is derived
 * from the id and the receipt date, so it never needs a second write.
 */
@Entity('tickets')
@Index('uq_ticket_source_external', ['sourceId', 'externalId'], { unique: true })
@Index('ix_ticket_status_received', ['status', 'receivedAt'])
@Index('ix_ticket_received', ['receivedAt'])
@Index('ix_ticket_unit_status', ['leadUnitId', 'status'])
@Index('ix_ticket_category', ['category', 'receivedAt'])
@Index('ix_ticket_requester', ['requesterId', 'receivedAt'])
@Index('ix_ticket_updated', ['updatedAt'])
@Index('ix_ticket_leader', ['leaderId', 'status'])
@Index('ix_ticket_city', ['cityUnitId', 'receivedAt'])
@Index('ix_ticket_desk', ['deskUnitId', 'status'])
// The scope predicate's columns (ticketScopeCondition): a district's count scans this, not the rows.
@Index('ix_ticket_scope', ['deskUnitId', 'region', 'dispatchedAt'])
@Index('ix_ticket_undispatched', ['region', 'dispatchedAt', 'status'])
// Covers "overdue now" in the statistics (unreplied, owing, by receipt period, with every column
// it filters or groups by), so that live count never reads the table rows.
// The lists' filters and orders from an index alone (issue #17): 工单查询 by region and category, a status list by
// category, newest first; with the desk a unit user's scope tests (ticketScopeCondition).
@Index('ix_list_region_category', ['region', 'category', 'receivedAt', 'deskUnitId'])
@Index('ix_list_status_category', ['status', 'category', 'receivedAt', 'deskUnitId'])
@Index('ix_list_received_desk', ['receivedAt', 'deskUnitId'])
@Index('ix_ticket_overdue', ['repliedAt', 'status', 'receivedAt', 'disposition', 'replyDueAt', 'leadUnitId', 'channel', 'sourceId', 'category', 'region'])
export class TicketEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() sourceId!: number;
  /** hotline | mailbox | web */
  @Str(16) channel!: Channel;
  /** The id in the system it came from (call-centre 工单编号, history id); unique per source. */
  @NullableStr(128) externalId!: string | null;
  @Str(24) status!: TicketStatus;
  @NullableStr(500) subject!: string | null;
  @Text() text!: string;
  @NullableStr(500) address!: string | null;
  @TimeColumn() receivedAt!: Date;
  @NullableStr(100) category!: string | null;
  @NullableStr(50) region!: string | null;
  /** urgent | normal */
  @Str(10, { default: 'normal' }) urgency!: Urgency;
  /** How the ticket was disposed of: dispatched, direct_answer, service_provided, invalid, merged. */
  @NullableStr(24) disposition!: Disposition | null;
  @NullableInt() leadUnitId!: number | null;
  /** The desk (分中心, a unit) whose triage holds the ticket; null: the top desk (issue #21). */
  @NullableInt() deskUnitId!: number | null;
  /** 包案: the leader (a user) who owns the matter to its end; null when none. */
  @NullableInt() leaderId!: number | null;
  @NullableInt() requesterId!: number | null;
  /** 是否保密: personal data masked for units. */
  @Bool() confidential!: boolean;
  @NullableInt() mergedIntoId!: number | null;
  @NullableInt() clusterId!: number | null;
  @Int({ default: 0 }) repeatCount!: number;
  @JsonColumn() classification!: ClassificationSnapshot | null;
  @NullableTime() dispatchedAt!: Date | null;
  @NullableTime() acknowledgedAt!: Date | null;
  @NullableTime() repliedAt!: Date | null;
  @NullableTime() replyDueAt!: Date | null;
  /** The reply deadline the sending system set (an upstream platform's work order): the lead unit's reply limit, instead of the policy's. */
  @NullableTime() externalDueAt!: Date | null;
  @NullableTime() surveyedAt!: Date | null;
  @NullableTime() closedAt!: Date | null;
  @NullableStr(24) outcome!: Outcome | null;
  @NullableStr(8) rating!: Rating | null;
  @Int({ default: 0 }) returnCount!: number;
  @Int({ default: 0 }) extensionCount!: number;
  @Int({ default: 0 }) reopenCount!: number;
  /** Imported from a past year's records rather than handled here. */
  @Bool() imported!: boolean;
  /** Message-ID of the letter, for threading the answer. */
  @NullableStr(500) messageId!: string | null;
  /**
   * The 查询码's salted SHA-256 (`s1$salt$hash`); the code itself is shown once and never stored.
   * Not selected with the ticket (so no answer or webhook carries it): TICKET_LOOKUP reads it.
   */
  @NullableStr(64, { select: false }) lookupCodeHash!: string | null;
  /** The city (cities.yaml: its unit) the ticket belongs to; null: the installation's own (province or single-city) desk. */
  @NullableInt() cityUnitId!: number | null;
  /** The prefix of its number (its city's); null: HUB_TICKET_PREFIX. */
  @NullableStr(8) numberPrefix!: string | null;
  /** Its number before a province desk handed it to a city (转交地市): still found by the lookups. */
  @NullableStr(40) formerNumber!: string | null;
  @CreatedAt() createdAt!: Date;
  @UpdatedAt() updatedAt!: Date;
  @VersionColumn({ default: 1 }) version!: number;
}
