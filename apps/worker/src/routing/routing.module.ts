import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '@hub/queue';
import { RequeueUnroutedTicketsUseCase, RouteNewTicketsUseCase, TicketUseCasesModule } from '@hub/tickets';
import { ScheduleRegistry } from '../worker-runner.service';
import { ModelRetrainService } from './model-retrain.service';

@Injectable()
class RoutingJobs implements OnModuleInit {
  private readonly log = new Logger('routing');
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly route: RouteNewTicketsUseCase,
    private readonly retrain: ModelRetrainService,
    private readonly requeue: RequeueUnroutedTicketsUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('ticket-classify', async ({ ticketIds }) => {
      const out = await this.route.execute({ ticketIds });
      const counts = out.reduce<Record<string, number>>((a, o) => ({ ...a, [o.result]: (a[o.result] ?? 0) + 1 }), {});
      this.log.log(`routed ${ticketIds.length} ticket(s): ${JSON.stringify(counts)}`);
      return counts;
    });
    this.registry.register('triage-sweep', async () => this.requeue.execute());
    this.registry.register('model-retrain', async ({ reason }) => this.retrain.run(reason));
    this.schedules.add({ schedulerId: 'sched-triage-sweep', name: 'triage-sweep', payload: {}, everyMs: 60_000 });
    this.schedules.add({ schedulerId: 'sched-model-retrain', name: 'model-retrain', payload: { reason: 'scheduled' }, everyMs: 24 * 3600_000 });
  }
}

@Module({ imports: [TicketUseCasesModule], providers: [RoutingJobs, ModelRetrainService] })
export class RoutingWorkerModule {}
