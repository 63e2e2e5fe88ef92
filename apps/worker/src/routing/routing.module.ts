import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TICKETS, UnitOfWork } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { JOB_PRODUCER, JobHandlerRegistry, JobProducer } from '@hub/queue';
import { RouteNewTicketsUseCase, TicketUseCasesModule } from '@hub/tickets';
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
    private readonly route: RouteNewTicketsUseCase,
    private readonly retrain: ModelRetrainService,
    private readonly uow: UnitOfWork,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register('ticket-classify', async ({ ticketIds }) => {
      const out = await this.route.execute({ ticketIds });
      const counts = out.reduce<Record<string, number>>((a, o) => ({ ...a, [o.result]: (a[o.result] ?? 0) + 1 }), {});
      this.log.log(`routed ${ticketIds.length} ticket(s): ${JSON.stringify(counts)}`);
      return counts;
    });
    this.registry.register('triage-sweep', async () => {
      const stale = await this.uow.read(TICKETS).listIdsStillReceived(new Date(this.clock.now().getTime() - STALE_MS), 5000);
      for (let i = 0; i < stale.length; i += 500) {
        await this.jobs.add('ticket-classify', { ticketIds: stale.slice(i, i + 500) });
      }
      return { requeued: stale.length };
    });
    this.registry.register('model-retrain', async ({ reason }) => this.retrain.run(reason));
    this.schedules.add({ schedulerId: 'sched-triage-sweep', name: 'triage-sweep', payload: {}, everyMs: 60_000 });
    this.schedules.add({ schedulerId: 'sched-model-retrain', name: 'model-retrain', payload: { reason: 'scheduled' }, everyMs: 24 * 3600_000 });
  }
}

@Module({ imports: [TicketUseCasesModule], providers: [RoutingJobs, ModelRetrainService] })
export class RoutingWorkerModule {}
