/**
 * What the load harness starts: its own MariaDB, a Redis Cluster (3 masters + replicas, AOF), s3rver
 * as the shared storage, an SMTP sink counting Message-IDs, Dovecot with the hub's 市长信箱, and
 * 2 API + 3 worker processes from dist/, each with its own HUB_DATA_DIR as if on its own host.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureModel, ModelStore, pushModel } from '@hub/classification';
import { loadConfig } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { seedDemoUsers } from '@hub/auth';
import { RecordingJobProducer } from '@hub/queue';
import { uniqueName } from '../support/services';
import { freePortRange, startRedisCluster, type LocalRedisCluster } from '../support/redis-topologies';
import { startLocalS3 } from '../support/s3-server';
import { startLetterServer, type LetterServer } from './letters';
import { type Proc, spawnHub } from './load-support';
import { shortenUrgentLimits, startCountingSink, type CountingSink } from './mail-check';
import { startOwnMariaDb, type OwnMariaDb } from './own-mariadb';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Fleet {
  db: OwnMariaDb;
  cluster: LocalRedisCluster;
  sink: CountingSink;
  letters: LetterServer;
  prefix: string;
  urls: string[];
  admin: string;
  operator: string;
  procs: Proc[];
  workers: Proc[];
  /** A new worker process (its own data dir), e.g. after one was killed. */
  spawnWorker(name: string): Proc;
  /** Stops everything started here, last first. */
  stop(): Promise<void>;
}

export async function startFleet(say: (line: string) => void): Promise<Fleet> {
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  const stop = async () => {
    for (const c of cleanup.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const db = await startOwnMariaDb();
    cleanup.push(() => db.destroy());
    const cluster = await startRedisCluster(3, ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction'], 1);
    cleanup.push(() => cluster.stop());
    const s3 = await startLocalS3('hub-load');
    cleanup.push(() => s3.stop());
    const sink = await startCountingSink();
    cleanup.push(() => sink.stop());
    const letters = await startLetterServer();
    cleanup.push(() => letters.stop());
    shortenUrgentLimits(letters.configDir);
    say(`MariaDB :${db.port}, Redis Cluster, s3rver, SMTP sink, Dovecot :${letters.dovecot.port} up`);
    const prefix = `{${uniqueName('load')}}`;
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...letters.env,
      NODE_ENV: 'development',
      DATABASE_URL: db.url,
      REDIS_URL: cluster.url,
      HUB_QUEUE_PREFIX: prefix,
      HUB_STORAGE_URL: s3.url('city'),
      SMTP_URL: sink.url,
      LOG_LEVEL: 'warn',
    };
    const dataDirs: string[] = [];
    const hostDir = () => {
      const d = mkdtempSync(join(tmpdir(), 'hub-load-host-'));
      dataDirs.push(d);
      return d;
    };
    cleanup.push(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    const config = loadConfig({ ...baseEnv, HUB_DATA_DIR: hostDir() });
    const ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
    await seedDemoUsers(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config, 'hub12345');
    await ds.destroy();
    // The routing model trained once, as an operator does before opening the hub, and shared: every host takes it from the bucket.
    const trained = ensureModel(config);
    await pushModel(config, new ModelStore(config.env.dataDir), trained.model.version);

    const apiPort = await freePortRange(2);
    const apis = [0, 1].map((i) => spawnHub(`api${i + 1}`, 'apps/api/src/main.js', { ...baseEnv, PORT: String(apiPort + i), HUB_DATA_DIR: hostDir() }));
    const spawnWorker = (name: string) => spawnHub(name, 'apps/worker/src/main.js', { ...baseEnv, HUB_DATA_DIR: hostDir() });
    const workers = [1, 2, 3].map((i) => spawnWorker(`worker${i}`));
    const procs: Proc[] = [...apis, ...workers];
    cleanup.push(() => procs.forEach((p) => p.proc.exitCode === null && p.proc.signalCode === null && p.proc.kill('SIGKILL')));
    const urls = apis.map((_, i) => `http://127.0.0.1:${apiPort + i}`);
    for (const u of urls) {
      const end = Date.now() + 90_000;
      while (
        !(await fetch(`${u}/health`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (Date.now() > end) throw new Error(`${u} did not start:\n${apis.map((a) => a.log).join('\n')}`);
        await sleep(250);
      }
    }
    const login = async (user: string) =>
      (
        (await (
          await fetch(`${urls[0]}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: user, password: 'hub12345' }),
          })
        ).json()) as { token: string }
      ).token;
    const operator = await login('operator');
    const admin = await login('admin');
    return { db, cluster, sink, letters, prefix, urls, admin, operator, procs, workers, spawnWorker, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
