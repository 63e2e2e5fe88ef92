import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { JOB_PRODUCER, type JobProducer, UPLOAD_SWEEP_AFTER_MS } from '@hub/queue';
import { sharedStorageFor } from '@hub/storage';
import { pendingUploads } from '../../exports';

/**
 * Reconciliation for uploads: an export still waiting in `uploads/` a while after it was saved lost
 * its import job (Redis flushed, restarted or down at upload time) and is queued again. A job still
 * queued or running under the same id makes the add a no-op.
 */
@Injectable()
export class RequeueWaitingUploadsUseCase {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
  ) {}

  async execute(): Promise<{ requeued: number }> {
    const waiting = await pendingUploads(this.config.env.dataDir, UPLOAD_SWEEP_AFTER_MS, Date.now(), sharedStorageFor(this.config));
    for (const upload of waiting) await this.jobs.add('export-import', upload);
    return { requeued: waiting.length };
  }
}
