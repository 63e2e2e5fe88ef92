import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseSettings } from '@hub/config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { serializeSqliteTransactions } from './sqlite-serializer';

/**
 * TypeORM compares schemas differently for MariaDB and MySQL 8 (defaults, NULL reporting), so the
 * driver type follows the server actually behind DATABASE_URL.
 */
export async function detectMysqlFlavour(db: Extract<DatabaseSettings, { type: 'mysql' }>): Promise<'mysql' | 'mariadb'> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, connectTimeout: 10000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as Array<{ v: string }>)[0]?.v)) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

export function dataSourceOptions(db: DatabaseSettings, extra: Partial<DataSourceOptions> = {}, flavour: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: db.path,
      entities: ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      enableWAL: db.path !== ':memory:',
      // API and worker share the file: wait for the other's write lock instead of failing.
      prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
        conn.pragma('busy_timeout = 10000');
        conn.pragma('synchronous = NORMAL');
      },
      ...extra,
    } as DataSourceOptions;
  }
  return {
    type: flavour,
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    entities: ENTITIES,
    migrations: MYSQL_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { connectionLimit: 10 },
    ...extra,
  } as DataSourceOptions;
}

/** Opens the database; with `migrate`, applies pending migrations first. */
export async function openDatabase(db: DatabaseSettings, opts: { migrate?: boolean } = {}): Promise<DataSource> {
  let ds: DataSource;
  try {
    ds = new DataSource(dataSourceOptions(db, {}, db.type === 'mysql' ? await detectMysqlFlavour(db) : 'mysql'));
    await ds.initialize();
  } catch (e) {
    const where = db.type === 'sqlite' ? db.path : `${db.host}:${db.port}/${db.database}`;
    throw new Error(`database ${where}: cannot connect (${(e as Error).message}) — check DATABASE_URL`);
  }
  if (db.type === 'sqlite') serializeSqliteTransactions(ds);
  if (opts.migrate) await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/** SQL the entities still need beyond the migrations (empty when the schema matches). */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
