import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, NullableStr, Str, Text, UpdatedAt } from './columns';

/**
 * The endpoints of webhooks.yaml as the database knows them (synced at start-up), so that
 * recording a ticket event can add its deliveries in the same transaction in any process. The
 * secret and URL stay in the configuration.
 */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Str(60, { unique: true }) name!: string;
  /** `all`, or the event types between commas (`,dispatch,close,`) for a LIKE match. */
  @Text() events!: string;
  @Bool(true) active!: boolean;
  /** Only tickets of this source (an upstream platform's push-back); null: every ticket. */
  @NullableStr(100) sourceName!: string | null;
  @UpdatedAt() updatedAt!: Date;
}
