import { Public } from '../auth/auth.decorators';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { HEALTH, UnitOfWork } from '@hub/database';
import { JOB_PRODUCER, BullmqProducer } from '@hub/queue';

/** Prometheus metrics: process, tickets by status, queue depths. */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  private readonly registry = new Registry();
  private readonly tickets = new Gauge({ name: 'hub_tickets', help: 'Tickets by status', labelNames: ['status'], registers: [this.registry] });
  private readonly queueDepth = new Gauge({
    name: 'hub_queue_jobs',
    help: 'Jobs by queue and state',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });
  private readonly redisUp = new Gauge({ name: 'hub_redis_up', help: 'Whether Redis (the job queues) answers', registers: [this.registry] });

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(JOB_PRODUCER) private readonly producer: BullmqProducer,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const rows = await this.uow.read(HEALTH).ticketCountsByStatus();
    this.tickets.reset();
    for (const r of rows) this.tickets.set({ status: r.status }, Number(r.n));
    this.queueDepth.reset();
    // Without Redis the queue depths are unknown: leave them out rather than hang the scrape.
    const redisUp = (await this.producer.reachable?.()) ?? true;
    this.redisUp.set(redisUp ? 1 : 0);
    if (redisUp)
      for (const [name, queue] of Object.entries(this.producer.queues ?? {})) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        for (const [state, n] of Object.entries(counts)) this.queueDepth.set({ queue: name, state }, n);
      }
    return this.registry.metrics();
  }
}
