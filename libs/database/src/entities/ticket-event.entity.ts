import type { Actor, TicketStatus } from '@hub/domain';
import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, NullableInt, NullableStr, NullableText, Str, TimeColumn } from './columns';

/** Every transition and notable happening on a ticket, kept forever (信访档案). */
@Entity('ticket_events')
@Index('ix_event_ticket', ['ticketId', 'id'])
export class TicketEventEntity {
  @PrimaryGeneratedColumn() id!: number;
  @NullableInt() ticketId!: number;
  @Str(32) type!: string;
  @NullableStr(24) fromStatus!: TicketStatus | null;
  @NullableStr(24) toStatus!: TicketStatus | null;
  @Str(16) actorKind!: Actor['kind'];
  @NullableInt() actorId!: number | null;
  @Str(100) actorName!: string;
  @TimeColumn() at!: Date;
  @NullableText() reason!: string | null;
  @JsonColumn() data!: Record<string, unknown> | null;
}
