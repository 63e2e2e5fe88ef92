import type { OutboxRepository, OutgoingMail } from '../repositories/outbox.repository';
import { eventRow, NewTicketEvent, TicketEventRepository } from '../repositories/ticket-event.repository';
import type { TicketEventEntity } from '../entities';
import { InMemoryTable, Snapshottable } from './in-memory-table';

/** An outbox row with the sender's columns (the delivery twin shares the table). */
export type InMemoryOutboxRow = OutgoingMail & {
  id: number;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  messageId: string | null;
  lastError: string | null;
  sentAt: Date | null;
};

export class InMemoryOutboxRepository implements OutboxRepository, Snapshottable {
  readonly table = new InMemoryTable<InMemoryOutboxRow>();
  async add(mail: OutgoingMail): Promise<number | null> {
    if (this.table.where((m) => m.dedupeKey === mail.dedupeKey).length) return null;
    return this.table.insert({ ...mail, status: 'pending', attempts: 0, nextAttemptAt: new Date(), messageId: null, lastError: null, sentAt: null }).id;
  }
  async ensureMany(mails: OutgoingMail[]): Promise<Map<string, number>> {
    for (const mail of mails) await this.add(mail);
    const keys = new Set(mails.map((m) => m.dedupeKey));
    return new Map(this.table.where((m) => keys.has(m.dedupeKey)).map((m) => [m.dedupeKey, m.id]));
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}

export class InMemoryTicketEventRepository implements TicketEventRepository, Snapshottable {
  readonly table = new InMemoryTable<TicketEventEntity>();
  async record(e: NewTicketEvent): Promise<void> {
    this.table.insert(eventRow(e));
  }
  async recordMany(events: NewTicketEvent[]): Promise<void> {
    for (const e of events) await this.record(e);
  }
  async listForTicket(ticketId: number): Promise<TicketEventEntity[]> {
    return this.table.where((e) => e.ticketId === ticketId);
  }
  snapshot(): () => void {
    return this.table.snapshot();
  }
}
