import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, NullableInt, NullableText, NullableTime, Str } from './columns';

/**
 * One ticket event for one webhook endpoint, written in the event's transaction. Delivered in
 * order per ticket and endpoint: a later event waits while an earlier one is pending.
 */
@Entity('webhook_deliveries')
@Index('uq_webhook_event_endpoint', ['eventId', 'endpoint'], { unique: true })
@Index('ix_webhook_order', ['endpoint', 'ticketId', 'eventId'])
@Index('ix_webhook_status', ['status', 'nextAttemptAt'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Int() eventId!: number;
  @Str(60) endpoint!: string;
  @Int() ticketId!: number;
  @Str(32) eventType!: string;
  /** pending | sending (claimed until nextAttemptAt) | delivered | failed (given up; an admin may replay it) */
  @Str(12) status!: string;
  @Int({ default: 0 }) attempts!: number;
  @NullableTime() nextAttemptAt!: Date | null;
  @NullableInt() lastStatusCode!: number | null;
  @NullableText() lastError!: string | null;
  /** The JSON body, fixed at the first attempt so every retry carries the same bytes and signature. */
  @NullableText() body!: string | null;
  @NullableTime() deliveredAt!: Date | null;
  @CreatedAt() createdAt!: Date;
}
