/**
 * SIGTERM to a worker process (#22): it takes no new job, finishes the ones running, and stops;
 * the jobs it left waiting are taken by another worker. Nothing lost, nothing run twice.
 */
import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { BullmqProducer, createRedis, RedisClient } from '@hub/queue';
import { TEST_REDIS_URL, uniqueName } from '@hub/testing';

const REGISTER = join(__dirname, '../support/swc-register.js');
const CHILD = join(__dirname, 'child/drain-worker.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Worker {
  proc: ChildProcess;
  out: string[];
  /** How it ended: Nest re-raises the signal once its shutdown hooks are done, so a drained worker ends by SIGTERM. */
  exited: Promise<string>;
}

function startWorker(prefix: string, jobMs: number): Worker {
  const proc = spawn(process.execPath, ['-r', REGISTER, CHILD], {
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, HUB_QUEUE_PREFIX: prefix, HUB_CHILD_JOB_MS: String(jobMs), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  let buf = '';
  const take = (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop()!;
    out.push(...lines);
  };
  proc.stdout!.on('data', take);
  proc.stderr!.on('data', take);
  const exited = new Promise<string>((r) => proc.once('exit', (code, signal) => r(signal ?? `code ${code}`)));
  return { proc, out, exited };
}

describe('a worker told to stop (SIGTERM)', () => {
  const prefix = `{${uniqueName('drain')}}`;
  let redis: RedisClient;
  let producer: BullmqProducer;
  const workers: Worker[] = [];

  beforeAll(() => {
    redis = createRedis(TEST_REDIS_URL, 'drain-test');
    producer = new BullmqProducer(redis, prefix);
  });

  afterAll(async () => {
    for (const w of workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
    await producer.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('finishes its running jobs, takes no new one, stops, and another worker runs the rest once each', async () => {
    const first = startWorker(prefix, 1500);
    workers.push(first);
    await until('the first worker', () => first.out.includes('ready'));
    // The mail queue runs 4 at a time: 10 jobs leave 6 waiting while 4 run.
    for (let id = 1; id <= 10; id++) await producer.add('mail-send', { outboxId: id });
    await until('4 jobs running', () => first.out.filter((l) => l.startsWith('start mail-send')).length === 4);
    const running = first.out.filter((l) => l.startsWith('start mail-send')).map((l) => l.slice('start '.length));
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe('SIGTERM');
    // Each job it had started it finished before exiting, and it started no other.
    const done = first.out.filter((l) => l.startsWith('done mail-send')).map((l) => l.slice('done '.length));
    expect(done.sort()).toEqual(running.sort());
    expect(first.out.filter((l) => l.startsWith('start mail-send'))).toHaveLength(4);
    expect(first.out.some((l) => /SIGTERM: taking no new jobs, finishing 4 running job/.test(l))).toBe(true);
    const finished = first.out.findIndex((l) => /SIGTERM: every running job finished; stopping/.test(l));
    expect(finished).toBeGreaterThan(first.out.findLastIndex((l) => l.startsWith('done ')));

    const second = startWorker(prefix, 10);
    workers.push(second);
    const all = () => [...first.out, ...second.out].filter((l) => l.startsWith('done mail-send'));
    await until('all ten jobs', () => all().length >= 10);
    await sleep(300);
    const ids = all().map((l) => Number(/"outboxId":(\d+)/.exec(l)![1]));
    expect(ids.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await producer.queues.mail.getJobCounts('active', 'waiting', 'failed')).toEqual({ active: 0, waiting: 0, failed: 0 });
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe('SIGTERM');
  }, 60_000);
});
