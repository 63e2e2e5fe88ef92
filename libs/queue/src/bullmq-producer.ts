import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { JobProducer } from './job-producer';
import { JOB_QUEUE, JobName, jobOptions, JobPayloads, QUEUE_NAMES, QueueName, ScheduledJob } from './jobs';

/** One BullMQ Queue per queue name, sharing a connection and the braced prefix. */
export class BullmqProducer implements JobProducer {
  readonly queues: Record<QueueName, Queue>;

  constructor(connection: Redis, readonly prefix: string) {
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((q) => [q, new Queue(q, { connection, prefix })]),
    ) as Record<QueueName, Queue>;
    // Redis being away is reported by /health and by failing adds; no stream of stack traces.
    for (const q of Object.values(this.queues)) q.on('error', () => undefined);
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], opts: { delayMs?: number } = {}): Promise<void> {
    const options = jobOptions(name, payload);
    if (opts.delayMs && opts.delayMs > 0) options.delay = opts.delayMs;
    await this.queues[JOB_QUEUE[name]].add(name, payload, options);
  }

  async addMany<N extends JobName>(name: N, payloads: Array<JobPayloads[N]>): Promise<void> {
    if (!payloads.length) return;
    await this.queues[JOB_QUEUE[name]].addBulk(payloads.map((data) => ({ name, data, opts: jobOptions(name, data) })));
  }

  /** Creates or updates recurring jobs; removes schedulers this process no longer wants. */
  async syncSchedules(jobs: ScheduledJob[], ownedPrefix: string[]): Promise<void> {
    const wanted = new Set(jobs.map((j) => j.schedulerId));
    for (const job of jobs) {
      const { jobId: _ignored, ...template } = jobOptions(job.name, job.payload as never);
      await this.queues[JOB_QUEUE[job.name]].upsertJobScheduler(job.schedulerId, { every: job.everyMs }, {
        name: job.name, data: job.payload, opts: template,
      });
    }
    for (const queue of Object.values(this.queues)) {
      for (const s of await queue.getJobSchedulers()) {
        const id = s.key;
        if (!wanted.has(id) && ownedPrefix.some((p) => id.startsWith(p))) await queue.removeJobScheduler(id);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
