import type { JobName, JobPayloads, JobProducer } from '@hub/queue';
import type { AfterCommitJob } from './unit-of-work';

/** The jobs and callbacks a transaction collected, run once it committed. Shared by both units of work. */
export class AfterCommit {
  private readonly jobs: AfterCommitJob[] = [];
  private readonly callbacks: Array<() => unknown> = [];

  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): void {
    this.jobs.push({ name, payload } as AfterCommitJob);
  }

  add(fn: () => unknown): void {
    this.callbacks.push(fn);
  }

  async flush(producer: JobProducer, onError: (job: string, e: unknown) => void): Promise<void> {
    for (const job of this.jobs) {
      // Redis down: the row that the job points at is in the database; a sweep queues it again.
      await producer.add(job.name, job.payload as never).catch((e: unknown) => onError(job.name, e));
    }
    for (const fn of this.callbacks) {
      try {
        await fn();
      } catch (e) {
        onError('after-commit', e);
      }
    }
  }
}
