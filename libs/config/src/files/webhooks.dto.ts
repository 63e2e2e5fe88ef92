import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateBy, ValidateNested } from 'class-validator';

/** One system that wants the hub's ticket events pushed to it (省平台, 互联网+督查, a message board…). */
export class WebhookConfig {
  /** Stable: deliveries are recorded under it, so renaming an endpoint starts it afresh. */
  @IsString() @Matches(/^[\w.-]{1,60}$/, { message: 'name must be letters, digits, _ . - (up to 60)' }) name!: string;
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) url!: string;
  /** The HMAC-SHA256 key of X-Hub-Signature-256; use ${VAR} to keep it out of the file. */
  @IsString() secret!: string;
  /** Event types (`dispatch`, `reply`, `close`…) or `all`. */
  @ValidateBy({
    name: 'webhookEvents',
    validator: {
      validate: (v: unknown) => v === 'all' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0)),
      defaultMessage: () => 'events must be a list of event types, or all',
    },
  })
  events: string[] | 'all' = 'all';
  /** How long a failing delivery is retried (with growing pauses) before it is given up and shown as failed. */
  @IsOptional() @IsInt() @Min(1) @Max(24 * 14) retryHours?: number;
  /** Only the tickets of this source (an upstream platform's own push-back); default every ticket. */
  @IsOptional() @IsString() source?: string;
}

export class WebhooksFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => WebhookConfig) webhooks: WebhookConfig[] = [];
}

/** Whether an endpoint wants an event type. */
export function webhookWants(w: Pick<WebhookConfig, 'events'>, eventType: string): boolean {
  return w.events === 'all' || w.events.includes(eventType);
}
