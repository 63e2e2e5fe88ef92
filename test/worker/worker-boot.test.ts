import { mkdirSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { HubConfig, loadConfig, MailboxConfig } from '@hub/config';
import { openDatabase } from '@hub/database';
import { BullmqProducer, createRedis, JOB_NAMES, JOB_PRODUCER, JobHandlerRegistry, readWorkerHeartbeats, recurringJobs } from '@hub/queue';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { WORKER_JOBS } from '../../apps/worker/src/jobs/jobs.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A hub configuration with one mailbox and a watched export folder, on this database and a private Redis prefix. */
async function configFor(databaseUrl: string): Promise<HubConfig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-worker-boot-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    HUB_DATA_DIR: dataDir,
    HUB_QUEUE_PREFIX: `{${uniqueName('boot')}}`,
  });
  // A mailbox nobody answers for (its polls fail, as a mailbox that is down does) and a watch folder.
  config.mailboxes.mailboxes = [
    Object.assign(new MailboxConfig(), { name: '市长信箱', host: '127.0.0.1', port: 9, secure: false, user: 'mayor', password: 'x' }),
  ];
  const watch = join(dataDir, 'watch');
  mkdirSync(watch);
  config.sources.sources[0].watch = watch;
  const ds = await openDatabase(config.env.database, { migrate: true });
  await ds.destroy();
  return config;
}

describe.each([
  ['SQLite', async () => ({ url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-sqlite-')), 'hub.sqlite')}`, drop: async () => undefined })],
  ['MariaDB', () => createMysqlDatabase('hubboot')],
])('the worker process on %s and Redis', (_dialect, database) => {
  let app: INestApplicationContext;
  let config: HubConfig;
  let drop: () => Promise<void>;
  const redis = createRedis(TEST_REDIS_URL, 'worker-boot-test');

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    const db = await database();
    drop = db.drop;
    config = await configFor(db.url);
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error'] });
    await app.init();
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    const keys = await redis.keys(`${config.env.queuePrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await drop?.();
  }, 60_000);

  it('handles every job libs/queue declares with exactly one job class, and no other', () => {
    const handled = app.get(JobHandlerRegistry).names();
    expect([...handled].sort()).toEqual([...JOB_NAMES].sort());
    const classNames = WORKER_JOBS.map((type) => app.get(type).name);
    expect(classNames).toHaveLength(new Set(classNames).size);
    expect([...classNames].sort()).toEqual([...JOB_NAMES].sort());
  });

  it('keeps the recurring jobs of libs/queue in Redis: the 3 s deadline sweep, the mailbox poll, the folder scan and every reconciliation pass', async () => {
    const producer = app.get<BullmqProducer>(JOB_PRODUCER);
    const expected = recurringJobs(config);
    expect(expected.map((j) => j.schedulerId)).toEqual(
      expect.arrayContaining([
        'sched-deadline-sweep',
        'sched-poll-市长信箱',
        'sched-mailbox-health',
        'sched-scan-standard',
        'sched-upload-sweep',
        'sched-webhook-sweep',
      ]),
    );
    expect(expected.find((j) => j.name === 'deadline-sweep')?.everyMs).toBe(3000);
    expect(await producer.missingSchedules(expected)).toEqual([]);
    const inRedis = (await Promise.all(Object.values(producer.queues).map((q) => q.getJobSchedulers()))).flat().map((s) => s.key);
    expect(inRedis.sort()).toEqual(expected.map((j) => j.schedulerId).sort());
  });

  it('runs a job through BullMQ to its use case and beats for /health', async () => {
    const producer = app.get<BullmqProducer>(JOB_PRODUCER);
    const queue = producer.queues.deadlines;
    const job = await queue.add('deadline-sweep', { now: '2026-03-02T02:00:00.000Z' }, { removeOnComplete: false });
    const done = await until('the sweep to finish', async () => ((await queue.getJob(job.id!))?.finishedOn ? await queue.getJob(job.id!) : null));
    expect(done?.failedReason).toBeUndefined();
    expect(done?.returnvalue).toMatchObject({ sent: 0 });
    const beats = await until('a heartbeat', async () => {
      const r = await readWorkerHeartbeats(redis, config.env.queuePrefix);
      return r.alive ? r : null;
    });
    expect(beats.workers).toEqual([expect.objectContaining({ pid: process.pid, alive: true })]);
  }, 30_000);
});
