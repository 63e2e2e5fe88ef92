import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@hub/queue';
import { IndexTicketsUseCase } from '@hub/tickets';
import type { WorkerJob } from './worker-job';

/** Writes the lookup rows of tickets a bulk import made. */
@Injectable()
export class TicketSearchIndexJob implements WorkerJob<'ticket-search-index'> {
  readonly name = 'ticket-search-index' as const;
  constructor(private readonly indexTickets: IndexTicketsUseCase) {}

  async handle({ ticketIds }: JobPayloads['ticket-search-index']) {
    return this.indexTickets.execute({ ticketIds });
  }
}
