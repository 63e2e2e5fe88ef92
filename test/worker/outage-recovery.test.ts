/**
 * Recovery from an outage in seconds (#22), on real Redis: a job that fails because the database
 * does not answer is tried again every second or so for about a minute (not 5 tries, then the
 * triage sweep minutes later), and a job whose add after commit failed while Redis was away
 * reaches the queue once Redis is back, without waiting for a sweep.
 */
import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hub/config';
import { BullmqProducer, createRedis, JOB_NAMES, JobHandler, JobHandlerRegistry, JobName, OUTAGE_ATTEMPTS, retryDelayMs, RedisClient } from '@hub/queue';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { AfterCommit } from '../../libs/database/src/unit-of-work/after-commit';
import { ScheduleRegistry, WorkerRunner } from '../../apps/worker/src/worker-runner.service';
import { freePortRange, portInUse } from '../support/redis-topologies';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
const isOutage = (e: unknown) => (e as { code?: string }).code === 'ECONNREFUSED';

beforeAll(() => Logger.overrideLogger(['error']));

describe('the back-off of a failed job', () => {
  it('retries an outage within a second for many more tries than the job’s own attempts, and its own failures as before', () => {
    const outage = Array.from({ length: 20 }, (_, i) => retryDelayMs('ticket-classify', i + 1, refused(), isOutage));
    expect(outage.slice(0, 3)).toEqual([250, 500, 1000]);
    expect(Math.max(...outage)).toBe(1000);
    expect(OUTAGE_ATTEMPTS).toBeGreaterThanOrEqual(40);
    const own = new Error('模型文件损坏');
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs('ticket-classify', n, own, isOutage))).toEqual([2000, 4000, 8000, 16000, -1]);
    expect([1, 7, 8].map((n) => retryDelayMs('mail-send', n, own, isOutage))).toEqual([5000, 320000, -1]);
  });
});

describe('a job that fails while the database is away', () => {
  const prefix = `{${uniqueName('outage')}}`;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let runner: WorkerRunner;
  const tries: number[] = [];
  let routed = false;

  beforeAll(async () => {
    const config = loadConfig({
      ...process.env,
      REDIS_URL: TEST_REDIS_URL,
      HUB_QUEUE_PREFIX: prefix,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-outage-')),
    });
    redis = createRedis(TEST_REDIS_URL, 'outage-test');
    producer = new BullmqProducer(redis, prefix);
    const registry = new JobHandlerRegistry();
    // The worker's outage test is the real one (@hub/database's isDatabaseUnavailable reads the driver's code).
    const classify: JobHandler<JobName> = async (_payload, ctx) => {
      tries.push(ctx.attempt);
      if (ctx.attempt <= 8) throw refused();
      routed = true;
    };
    for (const name of JOB_NAMES) registry.register(name, name === 'ticket-classify' ? classify : async () => undefined);
    runner = new WorkerRunner(registry, new ScheduleRegistry(), producer, config);
    await runner.onApplicationBootstrap();
  });

  afterAll(async () => {
    await runner?.onApplicationShutdown();
    await producer?.close();
    redis?.disconnect();
  });

  it('is tried again until the database answers (here the 9th try), well past its 5 attempts', async () => {
    await producer.add('ticket-classify', { ticketIds: [42] });
    await until('the ticket routed', () => routed);
    expect(tries).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }, 60_000);
});

describe('a job queued after commit while Redis is away', () => {
  let port: number;
  let server: ChildProcess | undefined;
  let redis: RedisClient;
  let producer: BullmqProducer;
  const prefix = `{${uniqueName('aftercommit')}}`;

  const startRedis = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until('redis up', () => portInUse(port), 20_000);
  };
  const stopRedis = async () => {
    const proc = server;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    await exited;
  };

  beforeAll(async () => {
    port = await freePortRange(1);
    await startRedis();
    redis = createRedis(`redis://127.0.0.1:${port}`, 'after-commit-test');
    producer = new BullmqProducer(redis, prefix, 200);
    await until('producer ready', () => producer.reachable());
  });

  afterAll(async () => {
    await producer?.close().catch(() => undefined);
    redis?.disconnect();
    await stopRedis();
  });

  it('reaches the queue once Redis is back, without a sweep; the committed work is not held up meanwhile', async () => {
    await stopRedis();
    await until('the client sees Redis gone', () => redis.status !== 'ready');
    const after = new AfterCommit();
    after.enqueue('ticket-classify', { ticketIds: [7] });
    const retrying: string[] = [];
    const givenUp: string[] = [];
    await after.flush(producer, (job) => givenUp.push(job), { retryForMs: 60_000, onRetrying: (job) => retrying.push(job) });
    expect(retrying).toEqual(['ticket-classify']);

    await startRedis();
    const job = await until(
      'the job in the queue',
      async () => (await producer.reachable()) && (await producer.queues.classify.getJob('classify-7').catch(() => undefined)),
    );
    expect(job.data).toEqual({ ticketIds: [7] });
    expect(givenUp).toEqual([]);
  }, 60_000);
});
