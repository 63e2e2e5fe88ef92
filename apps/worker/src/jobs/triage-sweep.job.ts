import { Injectable } from '@nestjs/common';
import { RequeueUnroutedTicketsUseCase } from '@hub/tickets';
import type { WorkerJob } from './worker-job';

/** Reconciliation: tickets still `received` (their classify job was lost) are queued again. */
@Injectable()
export class TriageSweepJob implements WorkerJob<'triage-sweep'> {
  readonly name = 'triage-sweep' as const;
  constructor(private readonly requeueUnroutedTickets: RequeueUnroutedTicketsUseCase) {}

  async handle() {
    return this.requeueUnroutedTickets.execute();
  }
}
