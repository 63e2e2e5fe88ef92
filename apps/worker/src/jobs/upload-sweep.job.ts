import { Injectable, Logger } from '@nestjs/common';
import { RequeueWaitingUploadsUseCase } from '@hub/intake';
import type { WorkerJob } from './worker-job';

/** Reconciliation: uploads still waiting (their import job was lost) are queued again. */
@Injectable()
export class UploadSweepJob implements WorkerJob<'upload-sweep'> {
  readonly name = 'upload-sweep' as const;
  private readonly log = new Logger('exports');
  constructor(private readonly requeueWaitingUploads: RequeueWaitingUploadsUseCase) {}

  async handle() {
    const r = await this.requeueWaitingUploads.execute();
    if (r.requeued) this.log.log(`re-queued ${r.requeued} uploaded export(s)`);
    return r;
  }
}
