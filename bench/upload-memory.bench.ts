/**
 * API memory while a large export is uploaded: writes a CSV of --mb megabytes (default 200),
 * starts the built API (dist/) as its own process on a SQLite database in a temporary folder,
 * uploads the file through POST /api/admin/imports as a stream, and prints the API's resident
 * memory (RSS) before, its peak during the upload (VmHWM, reset just before) and after, next to
 * the baseline of a server that held the upload in memory: at least the file's size.
 *
 *   npm run bench:upload [-- --mb 200]
 */
import 'reflect-metadata';
import { spawn } from 'child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { request } from 'http';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import { seedDemoUsers } from '@hub/auth';
import { loadConfig } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const MB = 1024 * 1024;
const sizeMb = Number(arg('mb') ?? 200);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function writeCsv(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const line = (i: number) =>
    `UP-${String(i).padStart(8, '0')},2025-03-03 09:10,13900001111,刘先生,市长公开电话,来电反映西岭区岭南佳苑北门外垃圾桶三天没人清运,西岭区岭南佳苑,一般\r\n`;
  out.write('工单编号,来电时间,来电号码,来电人,热线,诉求内容,地址,紧急程度\r\n');
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const chunk = Array.from({ length: 1000 }, (_, k) => line(i * 1000 + k)).join('');
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return statSync(path).size;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-upload-bench-'));
  const prefix = `{uploadbench${process.pid}}`;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`,
    HUB_DATA_DIR: dir,
    HUB_QUEUE_PREFIX: prefix,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  delete env.NODE_ENV;
  const config = loadConfig(env);
  const ds = await openDatabase(config.env.database, { migrate: true });
  await syncDirectory(ds, config);
  await seedDemoUsers(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config, 'hub12345');
  await ds.destroy();
  const file = join(dir, 'export.csv');
  const size = await writeCsv(file, sizeMb * MB);

  const api = spawn(process.execPath, [join(__dirname, '..', 'apps', 'api', 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      api.stdout.on('data', (d: Buffer) => (d.toString().includes('api: listening') ? resolve() : undefined));
      api.once('exit', (code) => reject(new Error(`the API exited (${code})`)));
    });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'hub12345' }),
    });
    const { token } = (await login.json()) as { token: string };
    global.gc?.();
    const before = memory(api.pid!);
    // Resets VmHWM to the current RSS (Linux 4.0+), so the peak below is the upload's.
    writeFileSync(`/proc/${api.pid}/clear_refs`, '5');
    const boundary = 'hubbench7d93';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nstandard\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="export.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/admin/imports',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': Buffer.byteLength(head) + size + Buffer.byteLength(tail),
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(head);
      const body = createReadStream(file);
      body.pipe(req, { end: false });
      body.on('end', () => req.end(tail));
    });
    const seconds = (Date.now() - started) / 1000;
    const after = memory(api.pid!);
    const grew = after.peak - before.rss;
    console.log(`upload of ${(size / MB).toFixed(1)} MB answered ${status} in ${seconds.toFixed(1)} s (${(size / MB / seconds).toFixed(0)} MB/s)`);
    console.log(
      `API RSS before ${(before.rss / MB).toFixed(1)} MB, peak during the upload ${(after.peak / MB).toFixed(1)} MB, after ${(after.rss / MB).toFixed(1)} MB`,
    );
    console.log(`peak growth ${(grew / MB).toFixed(1)} MB; baseline (upload held in memory) ≥ ${(size / MB).toFixed(1)} MB; ratio ${(grew / size).toFixed(3)}`);
    if (status !== 202) process.exitCode = 1;
  } finally {
    api.kill('SIGTERM');
    const redis = new Redis(config.env.redisUrl);
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
