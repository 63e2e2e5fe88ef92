/**
 * How long a failed job waits before its next try (BullMQ's custom back-off of the worker, for
 * the jobs whose options say `HUB_BACKOFF`). Two kinds of failure:
 *
 * - An outage (the database restarting, Redis failing over): nothing is wrong with the job, so it
 *   is tried again soon, every `OUTAGE_RETRY_MS` at most, for up to `OUTAGE_ATTEMPTS` tries (about
 *   a minute): the work goes on within a second or two of the outage's end, not after an
 *   exponential wait or the next reconciliation sweep.
 * - Anything else: the job's own `retryPolicy` (exponential from its delay, as many attempts).
 */
import { JobName, retryPolicy } from './jobs';

/** The longest wait between tries of a job that failed because the database or Redis did not answer. */
export const OUTAGE_RETRY_MS = 1000;

/** Whether an error says a service was away rather than the job wrong (the worker passes the database's test). */
export type OutageTest = (e: unknown) => boolean;

/**
 * The delay before the next try, or -1 for "no more tries" (BullMQ then fails the job).
 * `made` counts the tries made so far, this one included.
 */
export function retryDelayMs(name: string, made: number, err: unknown, isOutage: OutageTest): number {
  if (isOutage(err)) return Math.min(250 * 2 ** (made - 1), OUTAGE_RETRY_MS);
  const policy = retryPolicy(name as JobName);
  if (made >= policy.attempts) return -1;
  return policy.delayMs * 2 ** (made - 1);
}

/** The worker's `settings.backoffStrategy`. */
export function hubBackoffStrategy(isOutage: OutageTest) {
  return (made: number, _type?: string, err?: Error, job?: { name: string }): number => retryDelayMs(job?.name ?? '', made, err, isOutage);
}
