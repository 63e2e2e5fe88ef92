import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { hostname } from 'os';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { isDatabaseUnavailable } from '@hub/database';
import {
  BullmqProducer,
  clearWorkerHeartbeat,
  createRedis,
  HEARTBEAT_EVERY_MS,
  hubBackoffStrategy,
  JOB_LOCK_MS,
  JOB_PRODUCER,
  JobHandlerRegistry,
  QUEUE_CONCURRENCY,
  QUEUE_NAMES,
  QueueName,
  RedisClient,
  ScheduledJob,
  SCHEDULER_ID_PREFIX,
  STALLED_CHECK_MS,
  writeWorkerHeartbeat,
} from '@hub/queue';
import { runInJobScope } from './job-fault-guard';
import { CONSUMER_CHECK_MS, CONSUMER_STUCK_MS, consumerStuck, type ConsumerWatch } from './consumer-watchdog';

/** One queue's BullMQ worker with its own connection and what the watchdog knows of it. */
interface Consumer {
  worker: Worker;
  connection: RedisClient;
  watch: ConsumerWatch;
}

/** The database did not answer, or Redis refused an add: an outage, not the job's fault. */
const isServiceAway = (e: unknown) => isDatabaseUnavailable(e) || (e as { code?: string } | null)?.code === 'QUEUE_UNAVAILABLE';

/** The recurring jobs this worker keeps in Redis (libs/queue's recurringJobs for the configuration; tests add their own). */
export class ScheduleRegistry {
  private readonly jobs: ScheduledJob[];
  constructor(jobs: ScheduledJob[] = []) {
    this.jobs = [...jobs];
  }
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

/**
 * Runs one BullMQ worker per queue and dispatches each job to its registered handler. Refuses to
 * start when a job name has no handler. Closes gracefully: running jobs finish first.
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('worker');
  private readonly consumers = new Map<QueueName, Consumer>();
  private readonly connections: RedisClient[] = [];
  private watchdog?: NodeJS.Timeout;
  private checking = false;
  private resync?: NodeJS.Timeout;
  private restoring = false;
  private beat?: NodeJS.Timeout;
  private heartbeatRedis?: RedisClient;
  private readonly id = `${hostname()}:${process.pid}`;
  private readonly startedAt = new Date().toISOString();
  private readonly counts = { running: 0, completed: 0, failed: 0 };
  private beatFailing = false;
  /** Overridable before start-up (tests). */
  scheduleCheckMs = SCHEDULE_CHECK_MS;
  heartbeatMs = HEARTBEAT_EVERY_MS;
  consumerCheckMs = CONSUMER_CHECK_MS;
  consumerStuckMs = CONSUMER_STUCK_MS;

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    @Inject(JOB_PRODUCER) private readonly producer: BullmqProducer,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.registry.assertComplete();
    for (const queue of QUEUE_NAMES) this.consumers.set(queue, this.consume(queue));
    this.watchdog = setInterval(() => void this.checkConsumers(), this.consumerCheckMs);
    this.watchdog.unref();
    await this.producer.syncSchedules(this.schedules.all(), [SCHEDULER_ID_PREFIX]);
    this.resync = setInterval(() => void this.restoreSchedules(), this.scheduleCheckMs);
    this.resync.unref();
    this.producer.onReconnect(() => void this.restoreSchedules());
    this.heartbeatRedis = createRedis(this.config.env.redisUrl, 'hub-worker-heartbeat');
    this.connections.push(this.heartbeatRedis);
    this.heartbeatRedis.on('ready', () => void this.heartbeat()); // at start, and at once after Redis comes back
    this.beat = setInterval(() => void this.heartbeat(), this.heartbeatMs);
    this.beat.unref();
    this.log.log(`processing ${QUEUE_NAMES.join(', ')}; ${this.schedules.all().length} recurring jobs`);
  }

  /** A BullMQ worker for one queue, on a connection of its own. */
  private consume(queue: QueueName): Consumer {
    const connection = createRedis(this.config.env.redisUrl, `hub-worker-${queue}`);
    const consumer: Consumer = {
      connection,
      watch: { running: 0, concurrency: QUEUE_CONCURRENCY[queue], takenAt: Date.now(), idleWithWorkSince: null },
      worker: new Worker(
        queue,
        async (job) => {
          consumer.watch.running++;
          consumer.watch.takenAt = Date.now();
          try {
            return await this.process(job);
          } finally {
            consumer.watch.running--;
          }
        },
        {
          connection,
          prefix: this.config.env.queuePrefix,
          concurrency: QUEUE_CONCURRENCY[queue],
          lockDuration: JOB_LOCK_MS,
          stalledInterval: STALLED_CHECK_MS,
          // A job that failed because the database or Redis was away is tried again within a second or two.
          settings: { backoffStrategy: hubBackoffStrategy(isServiceAway) },
        },
      ),
    };
    consumer.worker.on('completed', () => this.counts.completed++);
    consumer.worker.on('failed', (job, err) => {
      this.counts.failed++;
      this.log.warn(`job ${job?.name} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade}): ${err.message}`);
    });
    consumer.worker.on('error', (err) => this.log.error(`queue ${queue}: ${err.message}`));
    return consumer;
  }

  /** Rebuilds each consumer that has room, takes nothing and leaves jobs waiting (consumer-watchdog.ts); quiet while Redis is away. */
  private async checkConsumers(): Promise<void> {
    if (this.checking || !(await this.producer.reachable())) return;
    this.checking = true;
    try {
      for (const [queue, consumer] of this.consumers) {
        const waiting = await this.jobsDue(queue);
        if (!consumerStuck(consumer.watch, waiting, Date.now(), this.consumerStuckMs)) continue;
        this.log.warn(
          `queue ${queue}: ${waiting} job(s) waiting and none taken for ${Math.round(this.consumerStuckMs / 1000)} s with a free slot: consumer rebuilt`,
        );
        this.consumers.set(queue, this.consume(queue));
        // Its running jobs (if any) finish; a loop stuck on a dead blocking call is let go after a few seconds.
        void Promise.race([consumer.worker.close(), new Promise((r) => setTimeout(r, 5000))]).finally(() => consumer.connection.disconnect());
      }
    } catch (e) {
      this.log.warn(`checking the queues' consumers: ${(e as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  /**
   * Jobs a consumer should be taking now: waiting, prioritized, and a delayed one past its time
   * (workers promote those themselves, so behind a stuck consumer a recurring sweep stays delayed).
   */
  private async jobsDue(queue: QueueName): Promise<number> {
    const q = this.producer.queues[queue];
    const counts = await q.getJobCounts('waiting', 'prioritized');
    const [first] = await q.getJobs(['delayed'], 0, 0, true);
    const overdue = first && first.timestamp + first.delay < Date.now() - 5000 ? 1 : 0;
    return (counts.waiting ?? 0) + (counts.prioritized ?? 0) + overdue;
  }

  /**
   * One job: its handler runs in a job scope (an error it leaves unawaited fails this job, see
   * job-fault-guard), and a progress report that Redis refuses (the job's keys flushed) is logged,
   * never thrown: handlers report progress without awaiting it.
   */
  private async process(job: Job): Promise<unknown> {
    const handler = this.registry.get(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    const progress = (p: number | object) =>
      job.updateProgress(p).catch((e: Error) => {
        this.log.warn(`job ${job.name} ${job.id ?? ''}: progress not recorded (${e.message})`);
      });
    this.counts.running++;
    try {
      return await runInJobScope(`${job.name} ${job.id ?? ''}`, () => handler(job.data, { attempt: job.attemptsMade + 1, jobId: job.id, progress }));
    } finally {
      this.counts.running--;
    }
  }

  /** This worker's heartbeat for /health; quiet while Redis is away (logged once per outage). */
  private async heartbeat(): Promise<void> {
    if (!this.heartbeatRedis || this.heartbeatRedis.status !== 'ready') return;
    try {
      await writeWorkerHeartbeat(this.heartbeatRedis, this.config.env.queuePrefix, {
        id: this.id,
        host: hostname(),
        pid: process.pid,
        startedAt: this.startedAt,
        beatAt: new Date().toISOString(),
        ...this.counts,
      });
      this.beatFailing = false;
    } catch (e) {
      if (!this.beatFailing) this.log.warn(`heartbeat not written: ${(e as Error).message}`);
      this.beatFailing = true;
    }
  }

  /** Puts back the recurring jobs Redis lost; quiet while Redis is away (the next check retries). */
  private async restoreSchedules(): Promise<void> {
    if (this.restoring || !(await this.producer.reachable())) return;
    this.restoring = true;
    try {
      const missing = await this.producer.missingSchedules(this.schedules.all());
      if (!missing.length) return;
      await this.producer.syncSchedules(this.schedules.all(), [SCHEDULER_ID_PREFIX]);
      this.log.warn(`Redis had lost ${missing.length} recurring job(s) (${missing.join(', ')}): restored`);
    } catch (e) {
      this.log.warn(`restoring recurring jobs: ${(e as Error).message}`);
    } finally {
      this.restoring = false;
    }
  }

  /**
   * SIGTERM (a deploy, a scale-down): take no new job and finish the running ones while the
   * database, the Redis connections of the queues and the mail transports are still open (Nest
   * runs every module's beforeApplicationShutdown before any onApplicationShutdown closes them).
   */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (this.resync) clearInterval(this.resync);
    if (this.beat) clearInterval(this.beat);
    if (this.watchdog) clearInterval(this.watchdog);
    if (signal) this.log.log(`${signal}: taking no new jobs, finishing ${this.counts.running} running job(s)`);
    await Promise.all([...this.consumers.values()].map((c) => c.worker.close()));
    if (signal) this.log.log(`${signal}: every running job finished; stopping`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
    if (this.heartbeatRedis?.status === 'ready') await clearWorkerHeartbeat(this.heartbeatRedis, this.config.env.queuePrefix, this.id).catch(() => undefined);
    for (const c of [...this.connections, ...[...this.consumers.values()].map((x) => x.connection)]) c.disconnect();
  }
}
