import { Injectable, Logger } from '@nestjs/common';
import { NotifyExpiringKnowledgeUseCase } from '@hub/knowledge';
import type { WorkerJob } from './worker-job';

/** Knowledge base upkeep: expiry notices to the keeping units (once each), entries past their validity expired. */
@Injectable()
export class KnowledgeSweepJob implements WorkerJob<'knowledge-sweep'> {
  readonly name = 'knowledge-sweep' as const;
  private readonly log = new Logger('knowledge');
  constructor(private readonly notify: NotifyExpiringKnowledgeUseCase) {}

  async handle() {
    const r = await this.notify.execute({});
    if (r.notified || r.expired) this.log.log(`knowledge: ${r.notified} expiry notice(s), ${r.expired} entr(ies) expired`);
    return r;
  }
}
