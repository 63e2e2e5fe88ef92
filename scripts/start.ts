/**
 * `npm start`: the whole hub on one machine. Validates the configuration, makes sure Redis is
 * there (starting a private redis-server when none answers and REDIS_URL is unset), migrates the
 * database, loads the demo city's directory and accounts (never in production), then runs the API (with the console)
 * and the worker as child processes until Ctrl-C. A child that dies is started again (see
 * start-supervisor); the hub stops only when one cannot get through start-up.
 */
import 'reflect-metadata';
import { spawnSync } from 'child_process';
import { mkdirSync } from 'fs';
import { connect } from 'net';
import { join } from 'path';
import { seedDemoUsers } from '../libs/auth/src';
import { HubConfig, loadConfig } from '../libs/config/src';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork, USERS } from '../libs/database/src';
import { RecordingJobProducer } from '../libs/queue/src';
import { START_HOOKS } from './start-hooks';
import { Supervisor } from './start-supervisor';

let stopping = false;

function say(msg: string) {
  console.log(`hub: ${msg}`);
}

const supervisor = new Supervisor({
  say,
  giveUp: (reason) => {
    say(`${reason}; stopping the hub`);
    stop(1);
  },
});

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function ensureRedis(cfg: HubConfig): Promise<void> {
  // A Sentinel group or a Cluster is run by its operators: the connection itself says if it is away.
  if (cfg.env.redis.kind !== 'single') return;
  const url = new URL(cfg.env.redisUrl);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await portAnswers(host, port)) return;
  if (cfg.env.redisUrlExplicit) throw new Error(`Redis at ${cfg.env.redisUrl} (REDIS_URL) does not answer — start it or fix REDIS_URL`);
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      'no Redis answers on 127.0.0.1:6379 and redis-server is not installed — install it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) or set REDIS_URL',
    );
  }
  const dir = join(cfg.env.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  say(`starting a private redis-server on 127.0.0.1:${port} for this run`);
  // Append-only file in data/redis: a restarted Redis (the supervisor restarts it) keeps its queued jobs.
  supervisor.start({
    name: 'redis-server',
    command: 'redis-server',
    stdio: 'ignore',
    args: ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', dir],
  });
  for (let i = 0; i < 50; i++) {
    if (await portAnswers('127.0.0.1', port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the private redis-server did not start within 5 s');
}

function run(name: string, script: string): void {
  supervisor.start({ name, command: process.execPath, args: [join(__dirname, '..', script)], env: process.env });
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  void supervisor.stopAll().then(() => process.exit(code));
}

async function main() {
  process.env.TZ = 'UTC';
  const cfg = loadConfig(process.env);
  await ensureRedis(cfg);
  const ds = await openDatabase(cfg.env.database, { migrate: true });
  try {
    const dir = await syncDirectory(ds, cfg);
    const uow = new TypeOrmUnitOfWork(ds, new RecordingJobProducer());
    const users = await seedDemoUsers(uow, cfg);
    say(
      `database ${cfg.env.database.type} ready; ${dir.units} units, ${dir.sources} sources${users.length ? `; demo accounts ${users.join(', ')} (password ${process.env.HUB_DEMO_PASSWORD ? 'from HUB_DEMO_PASSWORD' : 'hub12345'})` : ''}`,
    );
    if (cfg.env.security.production && (await uow.read(USERS).count()) === 0) {
      say('production mode: no accounts and no demo data; create the first administrator with `npx hub user create-admin --username NAME`');
    }
    for (const hook of START_HOOKS) await hook(ds, cfg, say);
  } finally {
    await ds.destroy();
  }
  run('api', 'apps/api/src/main.js');
  run('worker', 'apps/worker/src/main.js');
  const { bind, apiDocs } = cfg.env.security;
  const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;
  const reach = /^(127\.|::1$|localhost$)/.test(bind)
    ? `${bind}, this machine only (HUB_BIND=0.0.0.0 opens it to the network)`
    : bind === '0.0.0.0' || bind === '::'
      ? `every network interface (HUB_BIND=${bind})`
      : `${bind} (HUB_BIND)`;
  say(
    `open http://${host.includes(':') ? `[${host}]` : host}:${cfg.env.port}/ — listening on ${reach} (health: /health${apiDocs ? ', API docs: /api/docs' : ''}); Ctrl-C stops everything`,
  );
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
main().catch((e: Error) => {
  console.error(`hub: ${e.message}`);
  stop(1);
});
