import type { Queue } from 'bullmq';
import type { RedisClient } from './redis-connection';
import { JobProducer } from './job-producer';
import { JOB_QUEUE, JobName, jobOptions, JobPayloads, QUEUE_NAMES, QueueName, ScheduledJob } from './jobs';

/** BullMQ, loaded when the first producer is made: a process that queues nothing starts without it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bullmq = () => require('bullmq') as typeof import('bullmq');

/** Redis does not answer: the job was not queued (the caller's reconciliation pass queues it later). */
export class QueueUnavailableError extends Error {
  readonly code = 'QUEUE_UNAVAILABLE';
}

/**
 * One BullMQ Queue per queue name, sharing a connection and the braced prefix.
 *
 * The connection retries forever and holds commands while Redis is away, so an add would wait
 * for Redis to come back: an intake or a dispatch would hang with it. Adds wait a moment for a
 * connection that is (re)connecting, then fail; callers already treat a failed add as "the
 * outbox / triage sweep will queue it".
 */
export class BullmqProducer implements JobProducer {
  readonly queues: Record<QueueName, Queue>;
  private downSince: number | null = null;

  constructor(
    private readonly connection: RedisClient,
    readonly prefix: string,
    private readonly readyWaitMs = 1000,
  ) {
    this.queues = Object.fromEntries(QUEUE_NAMES.map((q) => [q, new (bullmq().Queue)(q, { connection, prefix })])) as Record<QueueName, Queue>;
    // Redis being away is reported by /health and by failing adds; no stream of stack traces.
    for (const q of Object.values(this.queues)) q.on('error', () => undefined);
  }

  /** Whether Redis answers now (waiting up to the ready wait, once per outage, for a connection in progress). */
  async reachable(): Promise<boolean> {
    if (this.connection.status === 'ready') {
      this.downSince = null;
      return true;
    }
    if (this.downSince !== null) return false;
    const ready = await new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.connection.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), this.readyWaitMs);
      this.connection.once('ready', onReady);
    });
    if (!ready) {
      this.downSince = Date.now();
      this.connection.once('ready', () => (this.downSince = null));
    }
    return ready;
  }

  private async requireReachable(): Promise<void> {
    if (!(await this.reachable())) throw new QueueUnavailableError(`Redis is not reachable (${this.connection.status}); the job was not queued`);
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], opts: { delayMs?: number } = {}): Promise<void> {
    await this.requireReachable();
    const options = jobOptions(name, payload);
    if (opts.delayMs && opts.delayMs > 0) options.delay = opts.delayMs;
    await this.queues[JOB_QUEUE[name]].add(name, payload, options);
  }

  async addMany<N extends JobName>(name: N, payloads: Array<JobPayloads[N]>): Promise<void> {
    if (!payloads.length) return;
    await this.requireReachable();
    await this.queues[JOB_QUEUE[name]].addBulk(payloads.map((data) => ({ name, data, opts: jobOptions(name, data) })));
  }

  /** Creates or updates recurring jobs; removes schedulers this process no longer wants. */
  async syncSchedules(jobs: ScheduledJob[], ownedPrefix: string[]): Promise<void> {
    const wanted = new Set(jobs.map((j) => j.schedulerId));
    for (const job of jobs) {
      const { jobId: _ignored, ...template } = jobOptions(job.name, job.payload as never);
      await this.queues[JOB_QUEUE[job.name]].upsertJobScheduler(
        job.schedulerId,
        { every: job.everyMs },
        {
          name: job.name,
          data: job.payload,
          opts: template,
        },
      );
    }
    for (const queue of Object.values(this.queues)) {
      for (const s of await queue.getJobSchedulers()) {
        const id = s.key;
        if (!wanted.has(id) && ownedPrefix.some((p) => id.startsWith(p))) await queue.removeJobScheduler(id);
      }
    }
  }

  /** Scheduler ids of these recurring jobs that Redis no longer has (flushed, or restarted without persistence). */
  async missingSchedules(jobs: ScheduledJob[]): Promise<string[]> {
    const missing: string[] = [];
    for (const job of jobs) {
      if (!(await this.queues[JOB_QUEUE[job.name]].getJobScheduler(job.schedulerId))) missing.push(job.schedulerId);
    }
    return missing;
  }

  /** Runs `fn` each time the connection is ready again after a loss (Redis restarted). */
  onReconnect(fn: () => void): void {
    let lost = false;
    this.connection.on('close', () => (lost = true));
    this.connection.on('ready', () => {
      if (lost) fn();
      lost = false;
    });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
