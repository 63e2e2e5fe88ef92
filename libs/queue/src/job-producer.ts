import type { JobName, JobPayloads } from './jobs';

/** The queue as a port: use cases enqueue through this, tests replace it. */
export interface JobProducer {
  add<N extends JobName>(name: N, payload: JobPayloads[N], opts?: { delayMs?: number }): Promise<void>;
  /** Many jobs of one kind in one round trip (a backlog of reminder mails, say). */
  addMany<N extends JobName>(name: N, payloads: Array<JobPayloads[N]>): Promise<void>;
}
export const JOB_PRODUCER = Symbol('JOB_PRODUCER');

/** For processes and tests that run without Redis: remembers what would have been queued. */
export class RecordingJobProducer implements JobProducer {
  readonly jobs: Array<{ name: JobName; payload: unknown; delayMs?: number }> = [];
  async add<N extends JobName>(name: N, payload: JobPayloads[N], opts?: { delayMs?: number }): Promise<void> {
    this.jobs.push({ name, payload, delayMs: opts?.delayMs });
  }
  async addMany<N extends JobName>(name: N, payloads: Array<JobPayloads[N]>): Promise<void> {
    for (const payload of payloads) this.jobs.push({ name, payload });
  }
}
