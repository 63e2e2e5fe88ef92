/**
 * The real API on a fresh MariaDB database and a private Redis key prefix, seeded with the
 * demo city's directory and accounts, for API tests (supertest against the Nest app).
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HubConfig, loadConfig } from '@hub/config';
import { openDatabase, syncDirectory, TypeOrmUnitOfWork } from '@hub/database';
import { RecordingJobProducer } from '@hub/queue';
import { seedDemoUsers } from '@hub/auth';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from './services';

export interface ApiHarness {
  app: NestExpressApplication;
  config: HubConfig;
  http: () => ReturnType<typeof request>;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  const db = await createMysqlDatabase('hubapi');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-api-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    HUB_DATA_DIR: dataDir,
    HUB_QUEUE_PREFIX: `{${uniqueName('apitest')}}`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const ds = await openDatabase(config.env.database, { migrate: true });
  await syncDirectory(ds, config);
  await seedDemoUsers(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), config, 'hub12345');
  await ds.destroy();
  // The request logger reads LOG_LEVEL from the environment itself; keep test output readable.
  process.env.LOG_LEVEL ||= 'warn';
  const { createApiApp } = await import('../../apps/api/src/bootstrap');
  const app = await createApiApp(config, { logger: false });
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    http: () => request(server),
    async login(username: string) {
      const res = await request(server).post('/api/auth/login').send({ username, password: 'hub12345' });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** Every route the Express router knows, as [METHOD, path] pairs (read from the app, not a list). */
export function listRoutes(app: NestExpressApplication): Array<[string, string]> {
  const router = app.getHttpAdapter().getInstance() as {
    _router?: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    router?: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const stack = router._router?.stack ?? router.router?.stack ?? [];
  const out: Array<[string, string]> = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push([method.toUpperCase(), layer.route.path]);
  }
  return out;
}
