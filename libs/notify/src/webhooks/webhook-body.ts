import { formatTicketNumber } from '@hub/domain';
import type { WebhookEventFacts } from '@hub/database';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The JSON a receiver gets: `{"id","event","ticket":{...},"at"}` (the interface other systems
 * rely on) and `change` (what this event did). `ticket` is the ticket as it stood at the first
 * attempt; no requester's personal data leaves the hub this way.
 */
export function webhookBody(facts: WebhookEventFacts, ticketPrefix: string, opts: { forOrigin?: boolean } = {}): string {
  const { event: e, ticket: t } = facts;
  // The platform a ticket came from (its push-back) also gets what the unit wrote: the reply, the days asked.
  const data = (e.data ?? {}) as Record<string, unknown>;
  const detail = opts.forOrigin
    ? { text: typeof data.replyText === 'string' ? data.replyText : null, outcome: data.outcome ?? null, extensionDays: data.extensionDays ?? null }
    : {};
  return JSON.stringify({
    id: String(e.id),
    event: e.type,
    at: iso(e.at),
    ticket: t && {
      id: t.id,
      number: formatTicketNumber(t.numberPrefix || ticketPrefix, t.receivedAt, t.id),
      externalId: t.externalId,
      status: t.status,
      channel: t.channel,
      source: facts.source,
      subject: t.subject,
      category: t.category,
      region: t.region,
      urgency: t.urgency,
      disposition: t.disposition,
      unit: facts.unit,
      receivedAt: iso(t.receivedAt),
      dispatchedAt: iso(t.dispatchedAt),
      acknowledgedAt: iso(t.acknowledgedAt),
      replyDueAt: iso(t.replyDueAt),
      repliedAt: iso(t.repliedAt),
      closedAt: iso(t.closedAt),
      outcome: t.outcome,
      rating: t.rating,
    },
    change: { from: e.fromStatus, to: e.toStatus, reason: e.reason, actor: { kind: e.actorKind, name: e.actorName }, ...detail },
  });
}

/** `X-Hub-Delivery`: the same for every try of one event to one endpoint, so a receiver can drop a double. */
export function webhookDeliveryId(eventId: number, endpoint: string): string {
  return `${eventId}-${endpoint}`;
}
