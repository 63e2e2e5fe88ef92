import { AsyncLocalStorage } from 'async_hooks';

/** The job a piece of asynchronous work started from (AsyncLocalStorage follows it through promises and timers). */
interface JobScope {
  label: string;
  fail(e: unknown): void;
}

const scopes = new AsyncLocalStorage<JobScope>();

/**
 * Runs one job's handler in a scope of its own: an error nobody awaited that comes from the handler's
 * work (a `void promise` that rejects, a throw in a timer) fails this job, as an error from the
 * handler itself would, instead of ending the process and every other job with it.
 */
export function runInJobScope<T>(label: string, fn: () => Promise<T>): Promise<T> {
  let fail!: (e: unknown) => void;
  const fault = new Promise<never>((_, reject) => (fail = reject));
  fault.catch(() => undefined); // settles the race below, or nobody cares (the job is over)
  return scopes.run({ label, fail }, () => Promise.race([fn(), fault]));
}

/**
 * The worker's last line: an unhandled rejection or uncaught exception is logged, fails the job it
 * came from (when it came from one), and the process goes on with its other jobs. Node would
 * otherwise exit, dropping every running job: a Redis flush during an import (`Missing key for job
 * … updateProgress`) killed the worker and with it all intake. Returns a function that removes it.
 */
export function installJobFaultGuard(log: { error(message: string): void }): () => void {
  const guard = (kind: string) => (e: unknown) => {
    const scope = scopes.getStore();
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log.error(`${kind}${scope ? ` in job ${scope.label} (the job fails)` : ''}; the worker keeps running: ${detail}`);
    scope?.fail(e);
  };
  const onRejection = guard('unhandled rejection');
  const onException = guard('uncaught exception');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
