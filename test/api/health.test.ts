import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { HubConfig, loadConfig } from '@hub/config';
import { openDatabase } from '@hub/database';
import { createRedis, HEARTBEAT_FORGET_MS, writeWorkerHeartbeat } from '@hub/queue';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { createApiApp } from '../../apps/api/src/bootstrap';

/** A worker's heartbeat as the worker writes it, `ageMs` old. */
async function beat(config: HubConfig, pid: number, ageMs = 0): Promise<void> {
  const redis = createRedis(TEST_REDIS_URL, 'health-test');
  const at = new Date(Date.now() - ageMs).toISOString();
  await writeWorkerHeartbeat(redis, config.env.queuePrefix, {
    id: `box:${pid}`,
    host: 'box',
    pid,
    startedAt: at,
    beatAt: at,
    running: 0,
    completed: 3,
    failed: 0,
  });
  redis.disconnect();
}

/** GET /health of a fresh API; `prepare` runs first, on the migrated database (heartbeats, imports). */
async function healthOf(env: Record<string, string>, prepare?: (config: HubConfig, ds: DataSource) => Promise<void>) {
  const config = loadConfig({ ...process.env, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-health-')), HUB_QUEUE_PREFIX: `{${uniqueName('h')}}`, ...env });
  const ds = await openDatabase(config.env.database, { migrate: true });
  try {
    await prepare?.(config, ds);
  } finally {
    await ds.destroy();
  }
  const app = await createApiApp(config, { logger: false });
  await app.init();
  try {
    const res = await request(app.getHttpServer()).get('/health');
    const docs = await request(app.getHttpServer()).get('/api/docs/openapi.json');
    return { status: res.status, body: res.body, docs };
  } finally {
    await app.close();
  }
}

const sqlite = () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-sqlite-')), 'hub.sqlite')}`;

describe('/health', () => {
  it('is green on the embedded SQLite database with Redis and a worker beating', async () => {
    const { status, body, docs } = await healthOf({ DATABASE_URL: sqlite(), REDIS_URL: TEST_REDIS_URL }, (config) => beat(config, 4242));
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.database).toEqual({ status: 'up', type: 'sqlite' });
    expect(body.checks.redis.status).toBe('up');
    expect(body.checks.workers).toMatchObject({ status: 'up', alive: 1, workers: [{ id: 'box:4242', pid: 4242, alive: true, completed: 3 }] });
    expect(body.checks.imports).toEqual({ status: 'up', stalled: [] });
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/tickets/{id}/dispatch');
  });

  it('is green on MariaDB through DATABASE_URL', async () => {
    const db = await createMysqlDatabase('hubhealth');
    try {
      const { status, body } = await healthOf({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL }, (config) => beat(config, 4243));
      expect(status).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.checks.database).toEqual({ status: 'up', type: 'mysql' });
    } finally {
      await db.drop();
    }
  });

  it('reports Redis down with 503 when it does not answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-sqlite-'));
    const { status, body } = await healthOf({ DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(status).toBe(503);
    expect(body.status).toBe('error');
    expect(body.checks.redis.status).toBe('down');
    expect(body.checks.database.status).toBe('up');
    expect(body.checks.workers).toMatchObject({ status: 'down', alive: 0 });
  });

  it('stays 200 (the API serves) but says degraded when no worker has ever beaten', async () => {
    const { status, body } = await healthOf({ DATABASE_URL: sqlite(), REDIS_URL: TEST_REDIS_URL });
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks.workers).toEqual({ status: 'down', alive: 0, workers: [], detail: '没有处理进程（worker）报到过：来件、分派、提醒和外发都不会进行' });
  });

  it('names the worker that went silent and how long ago it last beat', async () => {
    const { status, body } = await healthOf({ DATABASE_URL: sqlite(), REDIS_URL: TEST_REDIS_URL }, async (config) => {
      await beat(config, 501, 45_000);
      await beat(config, 502, HEARTBEAT_FORGET_MS + 60_000); // gone for over an hour: forgotten
    });
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks.workers.status).toBe('down');
    expect(body.checks.workers.detail).toBe('没有处理进程（worker）在 20 秒内报到：来件、分派、提醒和外发都停着');
    expect(body.checks.workers.workers).toEqual([expect.objectContaining({ id: 'box:501', alive: false })]);
    expect(body.checks.workers.workers[0].silentForMs).toBeGreaterThanOrEqual(45_000);
  });

  it.each([
    ['SQLite', async () => ({ url: sqlite(), drop: async () => undefined })],
    ['MariaDB', () => createMysqlDatabase('hubhealth')],
  ])('lists imports running without progress for 10 minutes on %s, not those still moving', async (_dialect, database) => {
    const db = await database();
    try {
      const { status, body } = await healthOf({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL }, async (config, ds) => {
        await beat(config, 601);
        const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
        const row = (fileName: string, createdAt: Date, progressAt: Date | null, status = 'running') =>
          ds
            .createQueryBuilder()
            .insert()
            .into('import_files')
            .values({ kind: 'hotline', sourceName: 'standard', fileName, archivePath: 'x', sha256: 'x', status, rows: 8000, createdAt, progressAt })
            .execute();
        await row('卡住的导出.xlsx', ago(30), ago(12));
        await row('从未写过一批.csv', ago(11), null);
        await row('正在导入.csv', ago(30), ago(1));
        await row('刚开始.csv', ago(2), null);
        await row('已完成.csv', ago(60), ago(50), 'done');
      });
      expect(status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.checks.workers.status).toBe('up');
      expect(body.checks.imports.status).toBe('degraded');
      expect(body.checks.imports.detail).toBe('2 个导入超过 10 分钟没有进展（处理进程退出或卡住）');
      expect(body.checks.imports.stalled.map((i: { fileName: string; rows: number }) => [i.fileName, i.rows])).toEqual([
        ['卡住的导出.xlsx', 8000],
        ['从未写过一批.csv', 8000],
      ]);
      expect(body.checks.imports.stalled[0].silentForMs).toBeGreaterThanOrEqual(12 * 60_000);
    } finally {
      await db.drop();
    }
  });
});
