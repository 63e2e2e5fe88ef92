import type { JobName, JobPayloads, JobProducer } from '@hub/queue';
import type { AfterCommitJob } from './unit-of-work';

/**
 * How long jobs whose add failed after the commit (Redis failing over or restarting) are tried
 * again in the background before they are left to the reconciliation sweeps: the work they point
 * at goes on within about a second of Redis answering again.
 */
export const ENQUEUE_RETRY_FOR_MS = 60_000;
/** The longest wait between two of those tries. */
export const ENQUEUE_RETRY_MAX_WAIT_MS = 1000;

export interface FlushOptions {
  /** Try failed adds again in the background for this long (0: not at all, the sweeps queue them). */
  retryForMs?: number;
  /** A failed add that is being tried again in the background. */
  onRetrying?: (job: string, e: unknown) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

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

  /**
   * Queues the jobs, then runs the callbacks. A failed add does not fail the (committed) work:
   * the row the job points at is in the database, and a sweep queues it again. With `retryForMs`
   * the add is first tried again in the background (not awaited: the caller's request or job
   * goes on); `onError` hears of an add given up on, and of a failed callback.
   */
  async flush(producer: JobProducer, onError: (job: string, e: unknown) => void, options: FlushOptions = {}): Promise<void> {
    // Runs of one kind in one round trip (a batch of 1,000 receipts), in the order they were queued.
    for (let i = 0; i < this.jobs.length;) {
      let j = i + 1;
      while (j < this.jobs.length && this.jobs[j].name === this.jobs[i].name) j++;
      const { name } = this.jobs[i];
      const run = this.jobs.slice(i, j).map((job) => job.payload as never);
      const add = () => (run.length === 1 ? producer.add(name, run[0]) : producer.addMany(name, run));
      await add().catch((e: unknown) => {
        if (!options.retryForMs) return onError(name, e);
        options.onRetrying?.(name, e);
        void retryInBackground(add, options.retryForMs).catch((last: unknown) => onError(name, last));
      });
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

/** Tries `add` with short, growing waits (at most ENQUEUE_RETRY_MAX_WAIT_MS) until it succeeds; rejects with its last error after `forMs`. */
async function retryInBackground(add: () => Promise<void>, forMs: number): Promise<void> {
  const until = Date.now() + forMs;
  for (let wait = 100; ; wait = Math.min(wait * 2, ENQUEUE_RETRY_MAX_WAIT_MS)) {
    await sleep(wait);
    try {
      return await add();
    } catch (e) {
      if (Date.now() + wait > until) throw e;
    }
  }
}
