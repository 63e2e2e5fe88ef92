import { Injectable, Logger } from '@nestjs/common';
import type { JobPayloads } from '@hub/queue';
import { RouteNewTicketsUseCase } from '@hub/tickets';
import type { WorkerJob } from './worker-job';

/** Classifies new tickets and dispatches the confident ones. */
@Injectable()
export class TicketClassifyJob implements WorkerJob<'ticket-classify'> {
  readonly name = 'ticket-classify' as const;
  private readonly log = new Logger('routing');
  constructor(private readonly routeNewTickets: RouteNewTicketsUseCase) {}

  async handle({ ticketIds }: JobPayloads['ticket-classify']) {
    const out = await this.routeNewTickets.execute({ ticketIds });
    const counts = out.reduce<Record<string, number>>((a, o) => ({ ...a, [o.result]: (a[o.result] ?? 0) + 1 }), {});
    this.log.log(`routed ${ticketIds.length} ticket(s): ${JSON.stringify(counts)}`);
    return counts;
  }
}
