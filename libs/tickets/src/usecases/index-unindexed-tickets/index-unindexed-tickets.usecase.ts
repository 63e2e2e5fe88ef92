import { Injectable } from '@nestjs/common';
import { TICKET_SEARCH, UnitOfWork, validateCommand } from '@hub/database';
import { IndexUnindexedTicketsCommand } from './index-unindexed-tickets.command';

/** Tickets indexed per pass. */
const MAX = 5000;
/** Tickets per transaction. */
const BATCH = 1000;

/**
 * The search sweep: tickets without a lookup row (their 'ticket-search-index' job was lost with
 * Redis, or failed) are indexed, newest first, at most MAX a pass.
 */
@Injectable()
export class IndexUnindexedTicketsUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: IndexUnindexedTicketsCommand = {}): Promise<{ indexed: number }> {
    const { limit = MAX } = validateCommand(IndexUnindexedTicketsCommand, input);
    const ids = await this.uow.read(TICKET_SEARCH).unindexed(limit);
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      await this.uow.run((tx) => tx.get(TICKET_SEARCH).reindex(chunk));
    }
    return { indexed: ids.length };
  }
}
