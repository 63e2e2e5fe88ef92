import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { CLOCK, Clock, DEADLINE_STAGES, TICKET_STATUSES } from '@hub/domain';
import { HEALTH, UnitOfWork } from '@hub/database';
import { BullmqProducer, JOB_PRODUCER } from '@hub/queue';

/** A job as BullMQ lists it: when it was added, its delay, when a worker took it. */
interface QueuedJob {
  timestamp: number;
  delay?: number;
  processedOn?: number;
}

/** Seconds a job waited (or has been waiting) from when it was due until a worker took it (or `now`). */
export function waitSeconds(job: QueuedJob, until: number): number {
  return Math.max(0, until - (job.timestamp + (job.delay ?? 0))) / 1000;
}

/** The route pattern of a request (`/api/tickets/:id`), never its ids; `unmatched` for no route (404s, console files). */
export function routeOf(req: Pick<Request, 'baseUrl' | 'route'>): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
}

/**
 * The API's Prometheus metrics: process, HTTP latency, tickets by status (every status, 0 included),
 * overdue tickets, intake lag per source and mailbox, queue depths and wait times.
 */
@Injectable()
export class HubMetrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];
  private readonly httpDuration = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: this.registers,
  });
  private readonly tickets = new Gauge({ name: 'hub_tickets', help: 'Tickets by status', labelNames: ['status'], registers: this.registers });
  private readonly overdue = new Gauge({
    name: 'hub_tickets_overdue',
    help: 'Tickets with a running time limit past due',
    registers: this.registers,
  });
  private readonly overdueByStage = new Gauge({
    name: 'hub_tickets_overdue_by_stage',
    help: 'Tickets with a running time limit past due, by stage of the limit',
    labelNames: ['stage'],
    registers: this.registers,
  });
  private readonly intakeLag = new Gauge({
    name: 'hub_intake_lag_seconds',
    help: "Per source, its newest ticket's delay from receipt at the source to the hub taking it in",
    labelNames: ['source'],
    registers: this.registers,
  });
  private readonly intakeIdle = new Gauge({
    name: 'hub_intake_idle_seconds',
    help: 'Per source, seconds since the hub last took in a ticket from it',
    labelNames: ['source'],
    registers: this.registers,
  });
  private readonly mailboxAge = new Gauge({
    name: 'hub_mailbox_poll_age_seconds',
    help: 'Per mailbox, seconds since its last successful poll (how far behind its mail can be)',
    labelNames: ['mailbox'],
    registers: this.registers,
  });
  private readonly queueDepth = new Gauge({
    name: 'hub_queue_jobs',
    help: 'Jobs by queue and state',
    labelNames: ['queue', 'state'],
    registers: this.registers,
  });
  private readonly queueOldest = new Gauge({
    name: 'hub_queue_oldest_waiting_seconds',
    help: 'Per queue, how long its oldest waiting job has waited since it was due (0: none waiting)',
    labelNames: ['queue'],
    registers: this.registers,
  });
  private readonly queueLastWait = new Gauge({
    name: 'hub_queue_last_wait_seconds',
    help: 'Per queue, how long its most recently completed job waited from due to start',
    labelNames: ['queue'],
    registers: this.registers,
  });
  private readonly redisUp = new Gauge({ name: 'hub_redis_up', help: 'Whether Redis (the job queues) answers', registers: this.registers });

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(JOB_PRODUCER) private readonly producer: BullmqProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
  }

  /** Express middleware timing every request, labelled once it is answered. */
  http() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
      next();
    };
  }

  /** The exposition text, read fresh from the database and Redis. */
  async scrape(): Promise<string> {
    const now = this.clock.now();
    const health = this.uow.read(HEALTH);
    const counts = new Map((await health.ticketCountsByStatus()).map((r) => [r.status, r.n]));
    this.tickets.reset();
    for (const status of new Set([...TICKET_STATUSES, ...counts.keys()])) this.tickets.set({ status }, counts.get(status) ?? 0);

    const late = await health.overdueTickets(now);
    this.overdue.set(late.total);
    this.overdueByStage.reset();
    for (const stage of new Set([...DEADLINE_STAGES, ...late.byStage.map((r) => r.stage)]))
      this.overdueByStage.set({ stage }, late.byStage.find((r) => r.stage === stage)?.n ?? 0);

    this.intakeLag.reset();
    this.intakeIdle.reset();
    for (const r of await health.newestIntakePerSource()) {
      this.intakeLag.set({ source: r.source }, Math.max(0, r.createdAt.getTime() - r.receivedAt.getTime()) / 1000);
      this.intakeIdle.set({ source: r.source }, Math.max(0, now.getTime() - r.createdAt.getTime()) / 1000);
    }
    this.mailboxAge.reset();
    for (const m of await health.mailboxStates())
      if (m.lastSuccessAt) this.mailboxAge.set({ mailbox: m.mailbox }, Math.max(0, now.getTime() - m.lastSuccessAt.getTime()) / 1000);

    await this.scrapeQueues(Date.now());
    return this.registry.metrics();
  }

  private async scrapeQueues(now: number): Promise<void> {
    this.queueDepth.reset();
    this.queueOldest.reset();
    this.queueLastWait.reset();
    // Without Redis the queues are unknown: leave them out rather than hang the scrape.
    const redisUp = (await this.producer.reachable?.()) ?? true;
    this.redisUp.set(redisUp ? 1 : 0);
    if (!redisUp) return;
    for (const [name, queue] of Object.entries(this.producer.queues ?? {})) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      for (const [state, n] of Object.entries(counts)) this.queueDepth.set({ queue: name, state }, n);
      const waiting: QueuedJob[] = await queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
      this.queueOldest.set({ queue: name }, Math.max(0, ...waiting.map((j) => waitSeconds(j, now))));
      const [last]: QueuedJob[] = await queue.getJobs(['completed'], 0, 0, false);
      if (last?.processedOn) this.queueLastWait.set({ queue: name }, waitSeconds(last, last.processedOn));
    }
  }
}
