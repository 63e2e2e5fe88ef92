import { Inject, Injectable } from '@nestjs/common';
import { TICKETS, UnitOfWork, validateCommand } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { classifyJobs, JOB_PRODUCER, JobProducer } from '@hub/queue';
import { RequeueUnroutedTicketsCommand } from './requeue-unrouted-tickets.command';

/**
 * A ticket still `received` this long after it was taken in lost its classify job. Short, so a
 * ticket whose job a Redis failover dropped is routed within seconds of this (the sweep runs every
 * 10 s); a ticket merely waiting in a busy queue gets a second job, which finds it routed and skips it.
 */
export const STALE_MS = 30_000;
const MAX = 5000;

/**
 * The triage sweep: tickets left `received` were never routed (the classify job was lost with
 * Redis, or failed); they are queued for routing again, oldest first, in batches.
 */
@Injectable()
export class RequeueUnroutedTicketsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
  ) {}

  async execute(input: RequeueUnroutedTicketsCommand = {}): Promise<{ requeued: number }> {
    const { staleAfterMs = STALE_MS } = validateCommand(RequeueUnroutedTicketsCommand, input);
    const stale = await this.uow.read(TICKETS).listIdsStillReceived(new Date(this.clock.now().getTime() - staleAfterMs), MAX);
    // Queued as bulk: most of what the sweep finds are the rows of an export file still waiting
    // behind their file's (bulk) jobs; queued as ordinary jobs they went ahead of every web request
    // and letter taken meanwhile. A ticket whose job was truly lost waits as it did before bulk jobs.
    for (const job of classifyJobs(stale, true)) await this.jobs.add('ticket-classify', job);
    return { requeued: stale.length };
  }
}
