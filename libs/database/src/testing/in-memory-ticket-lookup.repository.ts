import type { TicketLookupRepository } from '../repositories/ticket-lookup.repository';
import type { InMemoryTicketRepository } from './in-memory-ticket.repository';

/** Reads the hash from the in-memory tickets (where the column is kept like any other). */
export class InMemoryTicketLookupRepository implements TicketLookupRepository {
  constructor(private readonly tickets: InMemoryTicketRepository) {}
  async codeHashOf(ticketId: number): Promise<string | null> {
    return this.tickets.table.get(ticketId)?.lookupCodeHash ?? null;
  }
}
