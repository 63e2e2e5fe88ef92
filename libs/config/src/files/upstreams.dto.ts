import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateNested, IsArray } from 'class-validator';
import { CHANNELS, type Channel } from '@hub/domain';
import { WebhookConfig } from './webhooks.dto';

/** The hub's fields an upstream work order can fill (as a web/API post does), plus its own deadline. */
export const UPSTREAM_FIELDS = ['externalId', 'receivedAt', 'subject', 'text', 'name', 'phone', 'email', 'idNumber', 'address', 'urgency', 'dueAt'] as const;
export type UpstreamField = (typeof UPSTREAM_FIELDS)[number];

/** Where the hub sends acknowledgement, extension requests, replies and closure of the upstream's tickets. */
export class UpstreamPushConfig {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) url!: string;
  /** HMAC-SHA256 key of X-Hub-Signature-256 (as webhooks); use ${VAR}. */
  @IsString() secret!: string;
  @IsArray() @IsString({ each: true }) events: string[] = ['acknowledge', 'request_extension', 'approve_extension', 'reject_extension', 'reply', 'close'];
  @IsOptional() @IsInt() @Min(1) @Max(24 * 14) retryHours?: number;
}

/**
 * A system the hub takes work orders from (the provincial 12345 platform, 互联网+督查, a message
 * board) and reports back to. Its tickets count under `name` as their source.
 */
export class UpstreamConfig {
  /** The source name its tickets count under in reports (省12345平台). */
  @IsString() @Matches(/^[^\s,]{1,100}$/, { message: 'name must be 1–100 characters without spaces or commas' }) name!: string;
  /** A short ASCII code for it (delivery ids and headers carry it): letters, digits, _ . - */
  @IsString() @Matches(/^[\w.-]{1,40}$/, { message: 'code must be letters, digits, _ . - (up to 40)' }) code!: string;
  @IsIn([...CHANNELS]) channel: Channel = 'web';
  /** GET {url}?cursor=…&limit=…: a JSON document with the new work orders since the cursor. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) url!: string;
  /** Sent as `Authorization: Bearer <token>`; use ${VAR}. */
  @IsOptional() @IsString() token?: string;
  /** Dotted path of the list of work orders in the answer. */
  @IsString() items = 'items';
  /** Dotted path of the cursor for the next pull in the answer (kept in the database). */
  @IsString() nextCursor = 'nextCursor';
  @IsInt() @Min(1) @Max(1000) limit = 100;
  /** Seconds between pulls. */
  @IsInt() @Min(5) @Max(86_400) every = 60;
  /** The work order's field (dotted path) → the hub's field. */
  @IsObject() fields!: Record<string, UpstreamField>;
  @IsOptional() @ValidateNested() @Type(() => UpstreamPushConfig) push?: UpstreamPushConfig;
}

export class UpstreamsFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => UpstreamConfig) upstreams: UpstreamConfig[] = [];
}

/** The webhook endpoint that carries an upstream's push-back: its own tickets only. */
export function upstreamEndpoint(u: UpstreamConfig): (WebhookConfig & { source: string }) | null {
  if (!u.push) return null;
  return { name: `upstream-${u.code}`, url: u.push.url, secret: u.push.secret, events: u.push.events, retryHours: u.push.retryHours ?? 72, source: u.name };
}
