import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { loadConfig } from '@hub/config';
import { openDatabase } from '@hub/database';
import { createMysqlDatabase, TEST_REDIS_URL, uniqueName } from '@hub/testing';
import { createApiApp } from '../../apps/api/src/bootstrap';

async function healthOf(env: Record<string, string>) {
  const config = loadConfig({ ...process.env, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-health-')), HUB_QUEUE_PREFIX: `{${uniqueName('h')}}`, ...env });
  const ds = await openDatabase(config.env.database, { migrate: true });
  await ds.destroy();
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

describe('/health', () => {
  it('is green on the embedded SQLite database with Redis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-sqlite-'));
    const { status, body, docs } = await healthOf({ DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, REDIS_URL: TEST_REDIS_URL });
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.database).toEqual({ status: 'up', type: 'sqlite' });
    expect(body.checks.redis.status).toBe('up');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/tickets/{id}/dispatch');
  });

  it('is green on MariaDB through DATABASE_URL', async () => {
    const db = await createMysqlDatabase('hubhealth');
    try {
      const { status, body } = await healthOf({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL });
      expect(status).toBe(200);
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
  });
});
