/**
 * For (b) of bench:intake: the worker's side of a new ticket, in this process: the intake queues
 * `ticket-classify` on a BullMQ queue of its own prefix, a BullMQ worker takes it and runs the
 * router (model, rules, clusters) as apps/worker does, and the time each ticket is routed
 * (dispatched, sent to triage or merged into a cluster) is noted.
 */
import { Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ensureModel } from '@hub/classification';
import type { HubConfig } from '@hub/config';
import { TypeOrmUnitOfWork } from '@hub/database';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { systemClock } from '@hub/domain';
import { BullmqProducer, createRedis, type JobProducer } from '@hub/queue';
import { ActiveModelClassifierSource, buildTicketUseCases } from '@hub/tickets';
import { TEST_REDIS_URL, uniqueName } from '../test/support/services';

export interface RoutingLoop {
  jobs: JobProducer;
  /** ticket id -> when it was routed, and how. */
  routedAt: Map<number, { at: number; result: string }>;
  stop(): Promise<void>;
}

export function startRouting(ds: DataSource, config: HubConfig): RoutingLoop {
  ensureModel(config); // trained before the clock starts, as a running worker has it
  const prefix = `{${uniqueName('benchroute')}}`;
  const redis = createRedis(TEST_REDIS_URL, 'bench-route-producer');
  const producer = new BullmqProducer(redis, prefix);
  const actions = buildTicketUseCases({
    uow: new TypeOrmUnitOfWork(ds, producer),
    config,
    planner: loadDeadlinePolicies(config),
    clock: systemClock,
    classifiers: new ActiveModelClassifierSource(config, ensureModel),
  });
  const routedAt = new Map<number, { at: number; result: string }>();
  const conn = createRedis(TEST_REDIS_URL, 'bench-route-worker');
  const worker = new Worker(
    'classify',
    async (job) => {
      if (job.name !== 'ticket-classify') return;
      for (const o of await actions.routeNewTickets.execute({ ticketIds: job.data.ticketIds as number[] })) {
        if (o.result !== 'skipped') routedAt.set(o.ticketId, { at: performance.now(), result: o.result });
      }
    },
    // As apps/worker runs the classify queue (worker-runner.service.ts: classify 4).
    { connection: conn, prefix, concurrency: 4 },
  );
  return {
    jobs: producer,
    routedAt,
    async stop() {
      await worker.close();
      await Promise.all(Object.values(producer.queues).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
      await producer.close();
      redis.disconnect();
      conn.disconnect();
    },
  };
}
