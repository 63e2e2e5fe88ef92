import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { TicketEntity } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { DispatchModule, RouteTicketsUseCase } from '@hub/dispatch';
import { JOB_PRODUCER, JobHandlerRegistry, JobProducer } from '@hub/queue';
import { ScheduleRegistry } from '../worker-runner.service';
import { ModelRetrainService } from './model-retrain.service';

/** Tickets left `received` this long were missed (Redis flushed, job lost): classify them again. */
const STALE_MS = 2 * 60_000;

@Injectable()
class RoutingJobs implements OnModuleInit {
  private readonly log = new Logger('routing');
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly route: RouteTicketsUseCase,
    private readonly retrain: ModelRetrainService,
    private readonly ds: DataSource,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register('ticket-classify', async ({ ticketIds }) => {
      const out = await this.route.route(ticketIds);
      const counts = out.reduce<Record<string, number>>((a, o) => ({ ...a, [o.result]: (a[o.result] ?? 0) + 1 }), {});
      this.log.log(`routed ${ticketIds.length} ticket(s): ${JSON.stringify(counts)}`);
      return counts;
    });
    this.registry.register('triage-sweep', async () => {
      const stale = await this.ds.getRepository(TicketEntity).find({
        where: { status: 'received', createdAt: LessThan(new Date(this.clock.now().getTime() - STALE_MS)) },
        select: ['id'], order: { id: 'ASC' }, take: 5000,
      });
      for (let i = 0; i < stale.length; i += 500) {
        await this.jobs.add('ticket-classify', { ticketIds: stale.slice(i, i + 500).map((t) => t.id) });
      }
      return { requeued: stale.length };
    });
    this.registry.register('model-retrain', async ({ reason }) => this.retrain.run(reason));
    this.schedules.add({ schedulerId: 'sched-triage-sweep', name: 'triage-sweep', payload: {}, everyMs: 60_000 });
    this.schedules.add({ schedulerId: 'sched-model-retrain', name: 'model-retrain', payload: { reason: 'scheduled' }, everyMs: 24 * 3600_000 });
  }
}

@Module({ imports: [DispatchModule], providers: [RoutingJobs, ModelRetrainService] })
export class RoutingWorkerModule {}
