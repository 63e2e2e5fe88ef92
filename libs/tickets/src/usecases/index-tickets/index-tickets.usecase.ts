import { Injectable } from '@nestjs/common';
import { TICKET_SEARCH, UnitOfWork, validateCommand } from '@hub/database';
import { IndexTicketsCommand } from './index-tickets.command';

/**
 * Writes the lookup rows of tickets a bulk import made (hotline export files, history), queued
 * after the import's commit so the import does not write the FULLTEXT index row by row. Rewriting
 * a row is harmless: a retry, or the search sweep meanwhile, changes nothing.
 */
@Injectable()
export class IndexTicketsUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: IndexTicketsCommand): Promise<{ indexed: number }> {
    const { ticketIds } = validateCommand(IndexTicketsCommand, input);
    if (ticketIds.length) await this.uow.run((tx) => tx.get(TICKET_SEARCH).reindex(ticketIds));
    return { indexed: ticketIds.length };
  }
}
