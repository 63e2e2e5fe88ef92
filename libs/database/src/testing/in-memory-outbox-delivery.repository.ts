import type { DeliveryAttempt, OutboxDeliveryRepository, OutboxMailRow } from '../repositories/outbox-delivery.repository';
import type { InMemoryOutboxRepository } from './in-memory-repositories';

/** The sender's side over the same rows as the in-memory outbox. */
export class InMemoryOutboxDeliveryRepository implements OutboxDeliveryRepository {
  /** Tickets' receipt times, by id (for the hub's marker header). */
  readonly tickets = new Map<number, Date>();

  constructor(private readonly outbox: InMemoryOutboxRepository) {}

  async find(id: number): Promise<OutboxMailRow | null> {
    const r = this.outbox.table.get(id);
    if (!r) return null;
    return {
      id: r.id,
      dedupeKey: r.dedupeKey,
      kind: r.kind,
      to: r.to.join(', '),
      fromAddress: r.from ?? null,
      subject: r.subject,
      text: r.text,
      html: r.html ?? null,
      inReplyTo: r.inReplyTo ?? null,
      references: r.references?.join(' ') ?? null,
      ticketId: r.ticketId ?? null,
      status: r.status,
      attempts: r.attempts,
      messageId: r.messageId,
    };
  }
  async claim(id: number, now: Date, leaseUntil: Date): Promise<boolean> {
    const r = this.outbox.table.get(id);
    const free = r && (r.status === 'pending' || (r.status === 'sending' && r.nextAttemptAt != null && r.nextAttemptAt <= now));
    if (free) this.outbox.table.update(id, { status: 'sending', nextAttemptAt: leaseUntil });
    return Boolean(free);
  }
  async recordFailure(id: number, attempt: DeliveryAttempt): Promise<void> {
    this.outbox.table.update(id, attempt);
  }
  async recordSent(id: number, sent: { sentAt: Date; attempts: number; messageId: string }): Promise<void> {
    this.outbox.table.update(id, { status: 'sent', ...sent, lastError: null });
  }
  async listDue(now: Date, limit: number): Promise<number[]> {
    return this.outbox.table
      .where((r) => (r.status === 'pending' || r.status === 'sending') && r.nextAttemptAt != null && r.nextAttemptAt <= now)
      .map((r) => r.id)
      .sort((a, b) => a - b)
      .slice(0, limit);
  }
  async ticketReceivedAt(ticketId: number): Promise<Date | null> {
    return this.tickets.get(ticketId) ?? null;
  }
  /** Tickets of a city: their number prefix (none: the installation's). */
  readonly prefixes = new Map<number, string>();
  async ticketNumberPrefix(ticketId: number): Promise<string | null> {
    return this.prefixes.get(ticketId) ?? null;
  }
}
