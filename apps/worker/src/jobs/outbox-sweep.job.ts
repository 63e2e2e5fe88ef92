import { Injectable, Logger } from '@nestjs/common';
import { SweepOutboxUseCase } from '@hub/notify';
import type { WorkerJob } from './worker-job';

/** Reconciliation: outbox mails still pending (their send job was lost) are queued again. */
@Injectable()
export class OutboxSweepJob implements WorkerJob<'outbox-sweep'> {
  readonly name = 'outbox-sweep' as const;
  private readonly log = new Logger('mail');
  constructor(private readonly sweepOutbox: SweepOutboxUseCase) {}

  async handle() {
    const r = await this.sweepOutbox.execute({});
    if (r.requeued) this.log.log(`re-queued ${r.requeued} pending mail(s)`);
    return r;
  }
}
