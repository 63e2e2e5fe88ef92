import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import type { RedisClient } from '@hub/queue';
import { BullmqProducer, createRedis, readWorkerHeartbeats } from '@hub/queue';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';

const REGISTER = join(__dirname, '../support/swc-register.js');
const CHILD = join(__dirname, 'child/fault-worker.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('a worker process facing lost Redis keys and handlers that leave errors behind (#1)', () => {
  const prefix = `{${uniqueName('faults')}}`;
  let redis: RedisClient;
  let producer: BullmqProducer;
  let child: ChildProcess;
  let out = '';
  const said = (line: string | RegExp) => out.split('\n').some((l) => (typeof line === 'string' ? l === line : line.test(l)));
  const count = (line: string) => out.split('\n').filter((l) => l === line).length;

  async function flushPrefix(): Promise<void> {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }

  beforeAll(async () => {
    redis = createRedis(TEST_REDIS_URL, 'faults-test');
    producer = new BullmqProducer(redis, prefix);
    child = spawn(process.execPath, ['-r', REGISTER, CHILD], {
      env: { ...process.env, HUB_CHILD_FAULTS: JSON.stringify({ redisUrl: TEST_REDIS_URL, prefix }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await until('the worker to start', () => said('ready'), 30_000);
  }, 40_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await producer?.close();
    await flushPrefix();
    redis?.disconnect();
  });

  it('keeps running when the keys of an import reporting progress are flushed, and takes the next job', async () => {
    await producer.add('export-import', { uploadPath: '/nowhere.csv', source: 'standard', originalName: 'x.csv' });
    await until('the import to start', () => said('import started'));
    await sleep(200);
    await flushPrefix();
    await until('the import to finish', () => said('done export-import'));
    await producer.add('deadline-sweep', {});
    await until('the next job', () => said('done deadline-sweep'));
    expect(child.exitCode).toBeNull();
    expect(said(/^exit/)).toBe(false);
  }, 30_000);

  it('fails the job an unhandled rejection or a throw in a timer came from, logs it, and goes on', async () => {
    await producer.add('ticket-classify', { ticketIds: [1] });
    await producer.add('model-retrain', {} as never);
    // Failed once: waiting for its retry (or failed for good), with the error as its reason.
    const failed = async (queue: 'classify' | 'learning') => (await producer.queues[queue].getJobs(['failed', 'delayed'])).find((j) => j.failedReason);
    expect((await until('the classify job to fail', () => failed('classify'))).failedReason).toBe('stray rejection in a handler');
    expect((await until('the retrain job to fail', () => failed('learning'))).failedReason).toBe('thrown in a timer of a handler');
    expect(said(/^guard: unhandled rejection in job ticket-classify .*\(the job fails\); the worker keeps running/)).toBe(true);
    expect(said(/^guard: uncaught exception in job model-retrain .*\(the job fails\); the worker keeps running/)).toBe(true);
    const before = count('done deadline-sweep');
    await producer.add('deadline-sweep', {});
    await until('the next job', () => count('done deadline-sweep') > before);
    expect(child.exitCode).toBeNull();
  }, 30_000);

  it('writes a heartbeat /health can read, back soon after a flush', async () => {
    const report = await until('a heartbeat', async () => {
      const r = await readWorkerHeartbeats(redis, prefix);
      return r.alive ? r : null;
    });
    expect(report.status).toBe('up');
    expect(report.workers[0]).toMatchObject({ pid: child.pid, alive: true });
    await flushPrefix();
    expect((await readWorkerHeartbeats(redis, prefix)).status).toBe('down');
    await until('the heartbeat after the flush', async () => (await readWorkerHeartbeats(redis, prefix)).alive);
  }, 30_000);

  it('reports the worker as down once it stops beating', async () => {
    child.kill('SIGKILL');
    await until('the worker to die', () => child.exitCode !== null || child.signalCode !== null);
    const r = await readWorkerHeartbeats(redis, prefix, Date.now() + 25_000);
    expect(r).toMatchObject({ status: 'down', alive: 0 });
    expect(r.workers[0].silentForMs).toBeGreaterThan(20_000);
  }, 30_000);
});
