/**
 * A queue's consumer that stops taking jobs while it has room and jobs wait.
 *
 * BullMQ relies on ioredis to recover its blocking connection; after a Redis failover (a Cluster
 * master stopped, a Sentinel switch) a worker's loop sometimes never asks for the next job again
 * although every connection is up (taskforcesh/bullmq#648, #3088, #3185; the maintainers advise
 * closing such a worker and making a new one). The hub's load run saw it: the intake queue took
 * nothing for the rest of the day after the failover while classify went on. The worker checks
 * each queue every CONSUMER_CHECK_MS and rebuilds a consumer that this rule calls stuck.
 */
export const CONSUMER_CHECK_MS = 10_000;
/** Jobs waiting this long while the consumer had room and took none: stuck. */
export const CONSUMER_STUCK_MS = 30_000;

export interface ConsumerWatch {
  /** Jobs of this consumer running now. */
  running: number;
  concurrency: number;
  /** When it last took a job (or was made). */
  takenAt: number;
  /** Since when jobs have been waiting while it had room, as seen by the checks; null when not. */
  idleWithWorkSince: number | null;
}

/**
 * One check: `waiting` jobs wait in the queue (taken by no consumer of any process). Updates the
 * watch and answers whether the consumer has had room and taken nothing for `stuckMs` while
 * jobs waited. A busy consumer (every slot running) or an empty queue is never stuck.
 */
export function consumerStuck(w: ConsumerWatch, waiting: number, now: number, stuckMs = CONSUMER_STUCK_MS): boolean {
  if (waiting === 0 || w.running >= w.concurrency) {
    w.idleWithWorkSince = null;
    return false;
  }
  w.idleWithWorkSince ??= now;
  return now - Math.max(w.idleWithWorkSince, w.takenAt) >= stuckMs;
}
