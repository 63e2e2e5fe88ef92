import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { RedisClient } from '@hub/queue';
import { loadConfig } from '@hub/config';
import { BullmqProducer, createRedis, JOB_NAMES, JOB_QUEUE, JobHandlerRegistry } from '@hub/queue';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { ScheduleRegistry, WorkerRunner } from '../../apps/worker/src/worker-runner.service';

/**
 * After a Redis failover a BullMQ worker sometimes never asks for another job although its
 * connections are up (the load run's intake queue stopped for the rest of the day). Here a
 * queue's consumer is made to stop taking jobs (closed inside, as a loop that stopped looks from outside)
 * and a job waiting on it must still run: the worker notices and rebuilds the consumer.
 */
describe('a queue consumer that stops taking jobs', () => {
  const prefix = `{${uniqueName('watchdog')}}`;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let runner: WorkerRunner;
  const ran: string[] = [];
  const name = JOB_NAMES.find((n) => JOB_QUEUE[n] === 'mail')!;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    const config = loadConfig({
      ...process.env,
      REDIS_URL: TEST_REDIS_URL,
      HUB_QUEUE_PREFIX: prefix,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-watchdog-')),
    });
    redis = createRedis(TEST_REDIS_URL, 'watchdog-test');
    producer = new BullmqProducer(redis, prefix);
    const registry = new JobHandlerRegistry();
    for (const n of JOB_NAMES) registry.register(n, async (_payload, ctx) => void ran.push(String(ctx.jobId)));
    runner = new WorkerRunner(registry, new ScheduleRegistry(), producer, config);
    runner.consumerCheckMs = 200;
    runner.consumerStuckMs = 1500;
    await runner.onApplicationBootstrap();
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

  /** The queue's BullMQ worker now (private to the runner; read here to stop it as a failover does). */
  const consumerOf = (queue: string) => (runner as unknown as { consumers: Map<string, { worker: Worker }> }).consumers.get(queue)!.worker;

  const until = async (done: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  };

  it('runs the waiting job on a rebuilt consumer', async () => {
    await producer.queues.mail.add(name, {}, { jobId: 'before' });
    await until(() => ran.includes('before'), 5000);
    expect(ran).toContain('before');

    // The consumer stops asking for jobs, as a worker whose loop ended on a failover does.
    const stuck = consumerOf('mail');
    await stuck.close(true);
    await new Promise((r) => setTimeout(r, 300));
    await producer.queues.mail.add(name, {}, { jobId: 'after-stuck' });

    await until(() => ran.includes('after-stuck'), 10_000);
    expect(ran).toContain('after-stuck');
    expect(consumerOf('mail') === stuck).toBe(false);
  }, 20_000);

  it('runs a delayed job that came due behind a stopped consumer (a recurring sweep)', async () => {
    const stuck = consumerOf('mail');
    await stuck.close(true);
    await producer.queues.mail.add(name, {}, { jobId: 'due-later', delay: 300 });

    await until(() => ran.includes('due-later'), 15_000);
    expect(ran).toContain('due-later');
    expect(consumerOf('mail') === stuck).toBe(false);
  }, 25_000);
});
