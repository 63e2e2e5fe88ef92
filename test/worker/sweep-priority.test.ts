import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import { BullmqProducer, classifyJobs, createRedis, JOB_NAMES, JobHandlerRegistry, type RedisClient } from '@hub/queue';
import { RequeueUnroutedTicketsUseCase } from '@hub/tickets';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { ScheduleRegistry, WorkerRunner } from '../../apps/worker/src/worker-runner.service';

/**
 * An export file's tickets wait longer than the triage sweep's 30 seconds while a big file is
 * routed; the sweep then queues them again. A web request taken after that must still be routed
 * before the file's tickets, not after every ticket the sweep queued again.
 */
describe('routing order: a web request before an export file the triage sweep queued again', () => {
  const prefix = `{${uniqueName('review3sweep')}}`;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let runner: WorkerRunner | undefined;
  const started: number[][] = [];

  beforeAll(() => {
    Logger.overrideLogger(['error']);
    redis = createRedis(TEST_REDIS_URL, 'review3-sweep-test');
    producer = new BullmqProducer(redis, prefix);
  });

  afterAll(async () => {
    await runner?.onApplicationShutdown();
    await producer?.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis?.disconnect();
  });

  it('takes the web request first', async () => {
    const fileTickets = Array.from({ length: 200 }, (_, i) => i + 1);
    for (const job of classifyJobs(fileTickets, true)) await producer.add('ticket-classify', job);
    // The sweep finds the file's tickets still received but the first three (a worker routed them).
    const stillReceived = fileTickets.slice(3);
    const uow = { read: () => ({ listIdsStillReceived: async () => stillReceived }) } as unknown as UnitOfWork;
    const sweep = new RequeueUnroutedTicketsUseCase(uow, { now: () => new Date() }, producer);
    expect(await sweep.execute()).toEqual({ requeued: stillReceived.length });
    await producer.add('ticket-classify', { ticketIds: [5000] }); // the web request

    const registry = new JobHandlerRegistry();
    for (const n of JOB_NAMES) if (n !== 'ticket-classify') registry.register(n, async () => undefined);
    registry.register('ticket-classify', async ({ ticketIds }) => {
      started.push(ticketIds);
    });
    const config = loadConfig({
      ...process.env,
      REDIS_URL: TEST_REDIS_URL,
      HUB_QUEUE_PREFIX: prefix,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'review3-sweep-')),
    });
    runner = new WorkerRunner(registry, new ScheduleRegistry(), producer, config);
    await runner.onApplicationBootstrap();
    const end = Date.now() + 20_000;
    while (!started.some((ids) => ids.includes(5000)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));

    expect(started[0]).toEqual([5000]);
  });
});
