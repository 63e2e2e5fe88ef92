import { UseCaseError } from '@hub/database';
import type { Actor, Channel, Urgency } from '@hub/domain';
import { parseBusinessTime } from '@hub/domain';
import type { ArchivedRaw, IntakeDraft } from './intake-draft';

export interface WebIntake {
  channel?: Channel;
  /** Source name (网上信访, 市长公开电话...); default by channel. */
  source?: string;
  externalId?: string;
  name?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  subject?: string;
  text: string;
  address?: string;
  urgency?: Urgency;
  confidential?: boolean;
  receivedAt?: string;
  /** The sender's own reply deadline (ISO 8601 or Beijing time): kept as the lead unit's reply limit. */
  dueAt?: string;
  /** The city (cities.yaml) the form or system is bound to; none: the installation's own desk. */
  city?: string;
}

/** The posted item contradicts the hub's directory; nothing was stored. */
export class IntakeRefusedError extends UseCaseError {
  constructor(message: string) {
    super('BAD_INPUT', message);
  }
}

export const DEFAULT_WEB_SOURCE: Record<Channel, string> = { web: '网上信访', hotline: '12345热线', mailbox: '市长信箱' };

/**
 * Where a post goes: a named line or mailbox belongs to one channel (reports count a channel by
 * its lines), so a ticket of 市长公开电话 is a hotline ticket, and one posted as web is refused.
 */
export function webChannel(
  input: Pick<WebIntake, 'channel' | 'source'>,
  known: { name: string; channel: string } | null,
): { channel: Channel; source: string } {
  if (known && input.channel && known.channel !== input.channel) {
    throw new IntakeRefusedError(`source ${known.name} is a ${known.channel} source; send channel ${known.channel} or leave channel out`);
  }
  const channel = (known?.channel as Channel | undefined) ?? input.channel ?? 'web';
  return { channel, source: input.source?.trim() || DEFAULT_WEB_SOURCE[channel] };
}

/** The posted document as it is archived: its fields in the form's order, who took it in, when. */
export function webRawDocument(input: WebIntake, receivedBy: Actor, now: Date): Buffer {
  const { channel, source, externalId, name, phone, email, idNumber, subject, text, address, urgency, confidential, receivedAt, dueAt, city } = input;
  const doc = { channel, source, externalId, name, phone, email, idNumber, subject, text, address, urgency, confidential, receivedAt, dueAt, city };
  return Buffer.from(JSON.stringify({ ...doc, receivedBy: receivedBy.name, at: now.toISOString() }), 'utf8');
}

/** A web form, another system's post or a call typed in by hand, as a draft. */
export function webIntakeDraft(input: WebIntake, to: { channel: Channel; source: string }, raw: ArchivedRaw, receivedBy: Actor, now: Date): IntakeDraft {
  return {
    channel: to.channel,
    source: to.source,
    externalId: input.externalId ?? null,
    subject: input.subject ?? null,
    text: input.text.trim(),
    address: input.address ?? null,
    receivedAt: input.receivedAt ? (parseBusinessTime(input.receivedAt)?.at ?? now) : now,
    externalDueAt: input.dueAt ? (parseBusinessTime(input.dueAt)?.at ?? null) : null,
    urgency: input.urgency ?? 'normal',
    confidential: input.confidential ?? false,
    recordedBy: receivedBy,
    requester: { name: input.name, phone: input.phone, email: input.email, idNumber: input.idNumber, address: input.address },
    raw: { kind: 'http', archived: raw },
    city: input.city ?? null,
  };
}
