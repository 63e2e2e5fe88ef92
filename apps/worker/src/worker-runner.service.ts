import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { BullmqProducer, createRedis, JOB_PRODUCER, JobHandlerRegistry, QUEUE_NAMES, QueueName, ScheduledJob } from '@hub/queue';

/** Recurring jobs that feature modules want; collected before the schedulers are synced. */
@Injectable()
export class ScheduleRegistry {
  private readonly jobs: ScheduledJob[] = [];
  add(job: ScheduledJob): void {
    this.jobs.push(job);
  }
  all(): ScheduledJob[] {
    return [...this.jobs];
  }
}

/**
 * How often the worker looks for its recurring jobs in Redis. A FLUSHALL or a Redis restart
 * without persistence drops the schedulers, and with them every mailbox poll, deadline sweep and
 * reconciliation pass (which re-queue the other jobs Redis lost): they are put back within this.
 */
export const SCHEDULE_CHECK_MS = 10_000;
const CONCURRENCY: Record<QueueName, number> = { intake: 2, classify: 4, deadlines: 2, mail: 4, learning: 1, webhooks: 8 };

/**
 * Runs one BullMQ worker per queue and dispatches each job to its registered handler. Refuses to
 * start when a job name has no handler. Closes gracefully: running jobs finish first.
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('worker');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private resync?: NodeJS.Timeout;
  private restoring = false;
  /** Overridable before start-up (tests). */
  scheduleCheckMs = SCHEDULE_CHECK_MS;

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    @Inject(JOB_PRODUCER) private readonly producer: BullmqProducer,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.registry.assertComplete();
    for (const queue of QUEUE_NAMES) {
      const connection = createRedis(this.config.env.redisUrl, `hub-worker-${queue}`);
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        async (job) => {
          const handler = this.registry.get(job.name);
          if (!handler) throw new Error(`no handler for job ${job.name}`);
          return handler(job.data, { attempt: job.attemptsMade + 1, jobId: job.id, progress: (p) => job.updateProgress(p) });
        },
        { connection, prefix: this.config.env.queuePrefix, concurrency: CONCURRENCY[queue] },
      );
      worker.on('failed', (job, err) => this.log.warn(`job ${job?.name} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade}): ${err.message}`));
      worker.on('error', (err) => this.log.error(`queue ${queue}: ${err.message}`));
      this.workers.push(worker);
    }
    await this.producer.syncSchedules(this.schedules.all(), ['sched-']);
    this.resync = setInterval(() => void this.restoreSchedules(), this.scheduleCheckMs);
    this.resync.unref();
    this.producer.onReconnect(() => void this.restoreSchedules());
    this.log.log(`processing ${QUEUE_NAMES.join(', ')}; ${this.schedules.all().length} recurring jobs`);
  }

  /** Puts back the recurring jobs Redis lost; quiet while Redis is away (the next check retries). */
  private async restoreSchedules(): Promise<void> {
    if (this.restoring || !(await this.producer.reachable())) return;
    this.restoring = true;
    try {
      const missing = await this.producer.missingSchedules(this.schedules.all());
      if (!missing.length) return;
      await this.producer.syncSchedules(this.schedules.all(), ['sched-']);
      this.log.warn(`Redis had lost ${missing.length} recurring job(s) (${missing.join(', ')}): restored`);
    } catch (e) {
      this.log.warn(`restoring recurring jobs: ${(e as Error).message}`);
    } finally {
      this.restoring = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.resync) clearInterval(this.resync);
    await Promise.all(this.workers.map((w) => w.close()));
    for (const c of this.connections) c.disconnect();
  }
}
