import type { OutboxRepository, OutgoingMail } from '../repositories/outbox.repository';
import type { NewTicketEvent, TicketEventRepository } from '../repositories/ticket-event.repository';
import type { TicketEventEntity } from '../entities';
import { InMemoryTable, Snapshottable } from './in-memory-table';

export class InMemoryOutboxRepository implements OutboxRepository, Snapshottable {
  readonly table = new InMemoryTable<OutgoingMail & { id: number }>();
  async add(mail: OutgoingMail): Promise<number | null> {
    if (this.table.where((m) => m.dedupeKey === mail.dedupeKey).length) return null;
    return this.table.insert(mail).id;
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}

export class InMemoryTicketEventRepository implements TicketEventRepository, Snapshottable {
  readonly table = new InMemoryTable<TicketEventEntity>();
  async record(e: NewTicketEvent): Promise<void> {
    this.table.insert({
      ticketId: e.ticketId, type: e.type, actorKind: e.actor.kind, actorId: e.actor.id ?? null, actorName: e.actor.name, at: e.at,
      reason: e.reason ?? null, data: e.data ?? null, fromStatus: e.fromStatus ?? null, toStatus: e.toStatus ?? null,
    });
  }
  async listForTicket(ticketId: number): Promise<TicketEventEntity[]> {
    return this.table.where((e) => e.ticketId === ticketId);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
