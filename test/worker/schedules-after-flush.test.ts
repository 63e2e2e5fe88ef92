import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import type { RedisClient } from '@hub/queue';
import { loadConfig } from '@hub/config';
import { BullmqProducer, createRedis, JOB_NAMES, JobHandlerRegistry } from '@hub/queue';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { ScheduleRegistry, WorkerRunner } from '../../apps/worker/src/worker-runner.service';

describe('recurring jobs after Redis loses them', () => {
  const prefix = `{${uniqueName('sched')}}`;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let runner: WorkerRunner;
  let sweeps = 0;
  let waiters: Array<{ n: number; resolve: () => void }> = [];

  /** Deletes every Redis key of this test's prefix: FLUSHDB for this hub only. */
  async function flushPrefix(): Promise<number> {
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) n += await redis.del(...keys);
    } while (cursor !== '0');
    return n;
  }

  const sweepsReach = (n: number) =>
    new Promise<void>((resolve) => {
      waiters.push({ n, resolve });
      waiters = waiters.filter((w) => (sweeps >= w.n ? (w.resolve(), false) : true));
    });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    const config = loadConfig({ ...process.env, REDIS_URL: TEST_REDIS_URL, HUB_QUEUE_PREFIX: prefix, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-sched-')) });
    redis = createRedis(TEST_REDIS_URL, 'sched-test');
    producer = new BullmqProducer(redis, prefix);
    const registry = new JobHandlerRegistry();
    for (const name of JOB_NAMES) {
      registry.register(name, async () => {
        if (name !== 'deadline-sweep') return;
        sweeps++;
        waiters = waiters.filter((w) => (sweeps >= w.n ? (w.resolve(), false) : true));
      });
    }
    const schedules = new ScheduleRegistry();
    schedules.add({ schedulerId: 'sched-deadline-sweep', name: 'deadline-sweep', payload: {}, everyMs: 300 });
    runner = new WorkerRunner(registry, schedules, producer, config);
    runner.scheduleCheckMs = 200;
    await runner.onApplicationBootstrap();
  });

  afterAll(async () => {
    await runner?.onApplicationShutdown();
    await producer?.close();
    await flushPrefix();
    redis?.disconnect();
  });

  it('the deadline sweep runs again after FLUSHDB, without restarting the worker', async () => {
    await sweepsReach(1);
    expect(await flushPrefix()).toBeGreaterThan(0);
    const atFlush = sweeps;
    // A sweep running during the flush may still finish; two more can only come from a restored scheduler.
    await sweepsReach(atFlush + 2);
    expect(await producer.missingSchedules([{ schedulerId: 'sched-deadline-sweep', name: 'deadline-sweep', payload: {}, everyMs: 300 }])).toEqual([]);
  }, 15_000);
});
