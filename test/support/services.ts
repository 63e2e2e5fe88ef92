/**
 * Real services used by integration tests. Each test file gets its own MariaDB database and
 * its own Redis key prefix, so test files can run side by side without seeing each other's data.
 */
import { randomBytes } from 'crypto';
import * as mysql from 'mysql2/promise';
import Redis from 'ioredis';

export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function checkServices(): Promise<void> {
  const problems: string[] = [];
  try {
    const conn = await mysql.createConnection({ uri: TEST_MYSQL_URL, connectTimeout: 5000 });
    await conn.query('SELECT 1');
    await conn.end();
  } catch (e) {
    problems.push(`MariaDB at ${TEST_MYSQL_URL} is not reachable (${(e as Error).message}); run .ci/run or start mariadbd`);
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    problems.push(`Redis at ${TEST_REDIS_URL} is not reachable (${(e as Error).message}); run .ci/run or start redis-server`);
  } finally {
    redis.disconnect();
  }
  if (problems.length) throw new Error(`integration tests need real services:\n- ${problems.join('\n- ')}`);
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Creates an empty database for one test file; returns its URL and a function that drops it. */
export async function createMysqlDatabase(prefix = 'hubtest'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName(prefix);
  const base = new URL(TEST_MYSQL_URL);
  const conn = await mysql.createConnection({ uri: TEST_MYSQL_URL });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  base.pathname = `/${name}`;
  return {
    url: base.toString(),
    drop: async () => {
      const c = await mysql.createConnection({ uri: TEST_MYSQL_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
