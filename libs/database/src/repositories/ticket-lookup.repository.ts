import type { EntityManager } from 'typeorm';
import { TicketEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The one read of a ticket's 查询码 hash (the column is left out of every other read). */
export interface TicketLookupRepository {
  codeHashOf(ticketId: number): Promise<string | null>;
}

export class TypeOrmTicketLookupRepository implements TicketLookupRepository {
  constructor(private readonly m: EntityManager) {}

  async codeHashOf(ticketId: number): Promise<string | null> {
    const row = await this.m
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .select('t.lookupCodeHash', 'hash')
      .where('t.id = :ticketId', { ticketId })
      .getRawOne<{ hash: string | null }>();
    return row?.hash ?? null;
  }
}

export const TICKET_LOOKUP = repositoryToken<TicketLookupRepository>('ticket-lookup', (m) => new TypeOrmTicketLookupRepository(m));
