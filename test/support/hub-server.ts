/**
 * The whole hub for an end-to-end test: a fresh MariaDB database with migrations, the demo
 * directory and accounts, the real API listening on a free port and serving the built console.
 * The console is (re)built first when apps/console/dist is missing or older than its sources.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HubConfig, loadConfig } from '@hub/config';
import { ensureSource, openDatabase, syncDirectory, TicketEntity, TypeOrmUnitOfWork } from '@hub/database';
import type { ClassificationSnapshot } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { seedDemoUsers } from '@hub/auth';
import { createTicket } from './intake';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from './services';

const ROOT = join(__dirname, '..', '..');
const CONSOLE = join(ROOT, 'apps', 'console');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), st.mtimeMs);
}

/** Whether apps/console/dist is missing or older than any source file of the console (the domain it bundles included). */
export function consoleBuildIsStale(): boolean {
  const index = join(CONSOLE, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const sources = [...['src', 'index.html', 'vite.config.ts'].map((p) => join(CONSOLE, p)), join(ROOT, 'libs', 'domain', 'src')].filter((p) => existsSync(p));
  return Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
}

/** Builds the console with the project's build script when needed; returns whether it built. */
export function ensureConsoleBuilt(): boolean {
  if (!consoleBuildIsStale()) return false;
  let r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-console.js')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    // Fallback: run vite directly (the script resolves vite/bin/vite.js, which vite's exports map may hide).
    r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: CONSOLE, encoding: 'utf8' });
  }
  if (r.status !== 0 || !existsSync(join(CONSOLE, 'dist', 'index.html'))) {
    throw new Error(`console build failed:\n${r.stdout}\n${r.stderr}`);
  }
  return true;
}

export interface NewLetter {
  subject: string;
  text: string;
  name?: string;
  email?: string;
  /** What the classifier would have said; the triage queue shows it as suggestions. */
  classification?: Partial<ClassificationSnapshot>;
  receivedAt?: Date;
}

export interface HubServer {
  /** Base URL of the API and console, e.g. http://127.0.0.1:41234 */
  url: string;
  config: HubConfig;
  /** A connection of the test's own, for setting up data. */
  ds: DataSource;
  app: NestExpressApplication;
  createLetter(letter: NewLetter): Promise<{ id: number }>;
  close(): Promise<void>;
}

export async function startHubServer(): Promise<HubServer> {
  const db = await createMysqlDatabase('hube2e');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-e2e-'));
  const prefix = `{${uniqueName('e2e')}}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    HUB_DATA_DIR: dataDir,
    HUB_QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  });
  const ds = await openDatabase(config.env.database, { migrate: true });
  await syncDirectory(ds, config);
  await seedDemoUsers(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config, 'hub12345');
  // The request logger reads LOG_LEVEL from the environment itself; keep test output readable.
  process.env.LOG_LEVEL ||= 'warn';
  const { createApiApp } = await import('../../apps/api/src/bootstrap');
  const app = await createApiApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const source = await ensureSource(ds, '市长信箱', 'mailbox');

  return {
    url: `http://127.0.0.1:${port}`,
    config,
    ds,
    app,
    async createLetter(letter) {
      const t = await ds.transaction((m) =>
        createTicket(m, {
          sourceId: source.id,
          channel: 'mailbox',
          subject: letter.subject,
          text: letter.text,
          receivedAt: letter.receivedAt ?? new Date(),
          requester: { name: letter.name ?? null, email: letter.email ?? null },
        }),
      );
      if (letter.classification) {
        const c: ClassificationSnapshot = {
          category: null,
          region: null,
          department: null,
          urgency: 'normal',
          disposition: 'dispatch',
          confidence: 0,
          auto: false,
          ...letter.classification,
        };
        await ds.getRepository(TicketEntity).update(t.id, { classification: c } as never);
      }
      return { id: t.id };
    },
    async close() {
      await app.close();
      await ds.destroy();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
      const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
    },
  };
}
