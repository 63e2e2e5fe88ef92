/**
 * The load harness's own MariaDB (a mariadbd in a temp dir on a free port), so it can be restarted
 * during the run without touching the machine's shared one.
 */
import { ChildProcess, execFile, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import * as mysql from 'mysql2/promise';
import { freePortRange } from '../support/redis-topologies';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OwnMariaDb {
  /** `mysql://root@127.0.0.1:PORT/hub`. */
  url: string;
  port: number;
  /** SIGTERM, waits for the exit; resolves with how long the shutdown took (ms). */
  stop(): Promise<number>;
  /** Starts mariadbd again on the same port and data dir; resolves once it answers. */
  start(): Promise<void>;
  /** Stops it for good and removes the data dir. */
  destroy(): Promise<void>;
}

export async function startOwnMariaDb(database = 'hub'): Promise<OwnMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-load-mariadb-'));
  const datadir = join(dir, 'data');
  const socket = join(dir, 'mariadb.sock');
  const port = await freePortRange(1);
  try {
    await run('mariadb-install-db', ['--no-defaults', '--user=root', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db'], {
      maxBuffer: 10 * 1024 * 1024,
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let child: ChildProcess | null = null;
  let log = '';
  const start = async () => {
    const c = spawn(
      'mariadbd',
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${datadir}`,
        '--bind-address=127.0.0.1',
        `--port=${port}`,
        `--socket=${socket}`,
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--max-connections=500',
        '--innodb-buffer-pool-size=256M',
        '--innodb-flush-log-at-trx-commit=2',
        '--skip-log-bin',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (d: Buffer) => (log = (log + d.toString()).slice(-10_000));
    c.stdout!.on('data', keep);
    c.stderr!.on('data', keep);
    child = c;
    const end = Date.now() + 60_000;
    for (;;) {
      if (c.exitCode !== null) throw new Error(`mariadbd exited (${c.exitCode}):\n${log}`);
      try {
        const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
        await conn.end();
        return;
      } catch {
        if (Date.now() > end) throw new Error(`mariadbd did not answer on :${port}:\n${log}`);
        await sleep(200);
      }
    }
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return 0;
    const t = Date.now();
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
    return Date.now() - t;
  };
  try {
    await start();
    const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
    await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
  } catch (e) {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `mysql://root@127.0.0.1:${port}/${database}`,
    port,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
