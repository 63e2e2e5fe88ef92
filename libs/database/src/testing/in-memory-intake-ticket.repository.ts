import type { RequesterEntity } from '../entities';
import { type IntakeTicketRepository, type KeyedTicket, type NewTicket, requesterValues, type TicketHead } from '../repositories/intake-ticket.repository';
import type { TicketEventRepository } from '../repositories/ticket-event.repository';
import { InMemoryTable, type Snapshottable } from './in-memory-table';

export interface InMemoryTicket extends Omit<NewTicket, 'requester' | 'recordedBy'> {
  id: number;
  status: string;
  requesterId: number | null;
  mergedIntoId: number | null;
}

export type InMemoryRequester = Pick<RequesterEntity, 'id' | 'name' | 'phone' | 'email' | 'idNumber' | 'address' | 'originTicketId'>;

/** A duplicate key, as the database driver reports it (isUniqueViolation recognises it). */
export function duplicateKeyError(what: string): Error {
  return Object.assign(new Error(`Duplicate entry ${what}`), { code: 'ER_DUP_ENTRY', errno: 1062 });
}

/** Tickets and requesters in memory; `received` events go to the ticket-event repository given. */
export class InMemoryIntakeTicketRepository implements IntakeTicketRepository, Snapshottable {
  readonly tickets = new InMemoryTable<InMemoryTicket>();
  readonly requesters = new InMemoryTable<InMemoryRequester>();

  constructor(private readonly events: TicketEventRepository) {}

  async findByKeys(keys: Array<{ sourceId: number; externalId: string }>): Promise<KeyedTicket[]> {
    const wanted = new Set(keys.map((k) => `${k.sourceId}\u0000${k.externalId}`));
    return this.tickets
      .where((t) => wanted.has(`${t.sourceId}\u0000${t.externalId}`))
      .map((t) => ({ id: t.id, sourceId: t.sourceId, externalId: t.externalId as string }));
  }

  async createMany(items: NewTicket[]): Promise<number[]> {
    const ids: number[] = [];
    for (const it of items) {
      if (it.externalId && this.tickets.where((t) => t.sourceId === it.sourceId && t.externalId === it.externalId).length) {
        throw duplicateKeyError(`${it.sourceId}-${it.externalId} for key uq_ticket_source_external`);
      }
      const values = requesterValues(it.requester);
      const requester = values ? this.requesters.insert({ ...values, originTicketId: null }) : null;
      const { requester: _r, recordedBy, ...fields } = it;
      const ticket = this.tickets.insert({
        ...fields,
        subject: it.subject?.slice(0, 500) ?? null,
        address: it.address?.slice(0, 500) ?? null,
        status: 'received',
        requesterId: requester?.id ?? null,
        mergedIntoId: null,
      });
      if (requester) this.requesters.update(requester.id, { originTicketId: ticket.id });
      await this.events.record({
        ticketId: ticket.id,
        type: 'received',
        actor: recordedBy,
        at: it.receivedAt,
        toStatus: 'received',
        data: { channel: it.channel },
      });
      ids.push(ticket.id);
    }
    return ids;
  }

  async head(id: number): Promise<TicketHead | null> {
    const t = this.tickets.get(id);
    return t
      ? { id: t.id, status: t.status, receivedAt: t.receivedAt, requesterId: t.requesterId, mergedIntoId: t.mergedIntoId, numberPrefix: t.numberPrefix ?? null }
      : null;
  }

  snapshot(): () => void {
    const restores = [this.tickets.snapshot(), this.requesters.snapshot()];
    return () => restores.forEach((r) => r());
  }
}
