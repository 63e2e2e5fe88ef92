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
    // Runs of one kind in one round trip (a batch of 1,000 receipts), in the order they were queued.
    for (let i = 0; i < this.jobs.length;) {
      let j = i + 1;
      while (j < this.jobs.length && this.jobs[j].name === this.jobs[i].name) j++;
      const { name } = this.jobs[i];
      const run = this.jobs.slice(i, j).map((job) => job.payload as never);
      // Redis down: the row that the job points at is in the database; a sweep queues it again.
      await (run.length === 1 ? producer.add(name, run[0]) : producer.addMany(name, run)).catch((e: unknown) => onError(name, e));
      i = j;
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
