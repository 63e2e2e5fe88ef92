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

const RESYNC_MS = 5 * 60_000;
const CONCURRENCY: Record<QueueName, number> = { intake: 2, classify: 4, deadlines: 2, mail: 4, learning: 1 };

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
    // A flushed or replaced Redis loses the schedulers: put them back every few minutes.
    this.resync = setInterval(() => {
      this.producer.syncSchedules(this.schedules.all(), ['sched-']).catch((e: Error) => this.log.warn(`re-syncing schedules: ${e.message}`));
    }, RESYNC_MS);
    this.resync.unref();
    this.log.log(`processing ${QUEUE_NAMES.join(', ')}; ${this.schedules.all().length} recurring jobs`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.resync) clearInterval(this.resync);
    await Promise.all(this.workers.map((w) => w.close()));
    for (const c of this.connections) c.disconnect();
  }
}
