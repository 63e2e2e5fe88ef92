import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hub/config';
import { BullmqProducer, classifyJobs, createRedis, JOB_NAMES, JobHandlerRegistry, type RedisClient } from '@hub/queue';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { ScheduleRegistry, WorkerRunner } from '../../apps/worker/src/worker-runner.service';

/**
 * An export file's tickets are queued for routing as many small jobs; a web request taken while
 * they wait must be routed next, not after the whole file.
 */
describe('routing order: a web request before an export file waiting', () => {
  const prefix = `{${uniqueName('priority')}}`;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let runner: WorkerRunner | undefined;
  const started: number[][] = [];

  beforeAll(() => {
    Logger.overrideLogger(['error']);
    redis = createRedis(TEST_REDIS_URL, 'priority-test');
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

  it('takes the single request first although the file was queued before it', async () => {
    const fileTickets = Array.from({ length: 200 }, (_, i) => i + 1);
    for (const job of classifyJobs(fileTickets, true)) await producer.add('ticket-classify', job);
    await producer.add('ticket-classify', { ticketIds: [5000] }); // the web request, queued last

    const registry = new JobHandlerRegistry();
    for (const n of JOB_NAMES) if (n !== 'ticket-classify') registry.register(n, async () => undefined);
    registry.register('ticket-classify', async ({ ticketIds }) => {
      started.push(ticketIds);
      await new Promise((r) => setTimeout(r, 20));
    });
    const config = loadConfig({
      ...process.env,
      REDIS_URL: TEST_REDIS_URL,
      HUB_QUEUE_PREFIX: prefix,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-priority-')),
    });
    runner = new WorkerRunner(registry, new ScheduleRegistry(), producer, config);
    await runner.onApplicationBootstrap();
    const end = Date.now() + 20_000;
    while (started.length < 9 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));

    expect(started[0]).toEqual([5000]);
    // The file's jobs then run in the order they were queued, every ticket once.
    expect(started.slice(1).flat()).toEqual(fileTickets);
  });
});
