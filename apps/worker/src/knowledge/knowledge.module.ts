import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { KnowledgeModule, NotifyExpiringKnowledgeUseCase } from '@hub/knowledge';
import { JobHandlerRegistry } from '@hub/queue';
import { ScheduleRegistry } from '../worker-runner.service';

/** How often the knowledge base is checked for entries expiring or expired (notices are sent once, so a pass more does no harm). */
export const KNOWLEDGE_SWEEP_EVERY_MS = 3600_000;

@Injectable()
class KnowledgeJobs implements OnModuleInit {
  private readonly log = new Logger('knowledge');

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly notify: NotifyExpiringKnowledgeUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register('knowledge-sweep', async () => {
      const r = await this.notify.execute({});
      if (r.notified || r.expired) this.log.log(`knowledge: ${r.notified} expiry notice(s), ${r.expired} entr(ies) expired`);
      return r;
    });
    this.schedules.add({ schedulerId: 'sched-knowledge-sweep', name: 'knowledge-sweep', payload: {}, everyMs: KNOWLEDGE_SWEEP_EVERY_MS });
  }
}

/** Knowledge base upkeep (expiry notices to keepers, expiring entries). */
@Module({ imports: [KnowledgeModule], providers: [KnowledgeJobs] })
export class KnowledgeWorkerModule {}
