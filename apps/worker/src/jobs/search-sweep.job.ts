import { Injectable } from '@nestjs/common';
import { IndexUnindexedTicketsUseCase } from '@hub/tickets';
import type { WorkerJob } from './worker-job';

/** Reconciliation: tickets without a lookup row (their index job was lost) are indexed. */
@Injectable()
export class SearchSweepJob implements WorkerJob<'search-sweep'> {
  readonly name = 'search-sweep' as const;
  constructor(private readonly indexUnindexedTickets: IndexUnindexedTicketsUseCase) {}

  async handle() {
    return this.indexUnindexedTickets.execute();
  }
}
