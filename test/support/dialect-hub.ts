/**
 * The set-up the use-case integration tests share: the same test on MariaDB and on SQLite, each
 * with its own migrated database, the shipped (or a given) configuration synchronised into it, and
 * a clock the test moves by hand in Beijing time.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { HubConfig, loadConfig, parseDatabaseUrl } from '@hub/config';
import { openDatabase, syncDirectory } from '@hub/database';
import { Clock } from '@hub/domain';
import { createMysqlDatabase } from './services';

export const DIALECTS = [['MariaDB'], ['SQLite']] as const;
export type Dialect = (typeof DIALECTS)[number][0];

/** `2026-03-04 09:00` (Beijing time) as an instant. */
export const beijingTime = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/** A clock that stands where the test puts it. */
export class StepClock implements Clock {
  private t: Date;
  constructor(start: Date = new Date(0)) {
    this.t = new Date(start.getTime());
  }
  now(): Date {
    return new Date(this.t.getTime());
  }
  /** Beijing time, `2026-03-04 09:00`; returns the new now. */
  set(beijing: string): Date {
    this.t = beijingTime(beijing);
    return this.now();
  }
}

export interface DialectHub {
  readonly ds: DataSource;
  readonly config: HubConfig;
}

/** A fresh database of this dialect: a MariaDB database named after `name`, or a SQLite file in a temp dir. */
export async function dialectDatabaseUrl(dialect: Dialect, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'MariaDB') return createMysqlDatabase(name);
  return { url: `sqlite:${join(mkdtempSync(join(tmpdir(), `${name}-`)), 'hub.sqlite')}`, drop: async () => undefined };
}

/**
 * Registers beforeAll/afterAll that open a migrated database of this dialect with nothing in it
 * (the repository tests insert their own rows). Read `ds` inside the test's own hooks and tests.
 */
export function useDialectDatabase(dialect: Dialect, name: string): { readonly ds: DataSource } {
  let ds: DataSource | undefined;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const db = await dialectDatabaseUrl(dialect, name);
    drop = db.drop;
    ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await drop();
  });
  return {
    get ds(): DataSource {
      if (!ds) throw new Error('the database is opened in beforeAll');
      return ds;
    },
  };
}

/**
 * Registers beforeAll/afterAll that open a migrated, synchronised database of this dialect (a fresh
 * MariaDB database named after `name`, or a SQLite file) with `env` over the process environment.
 * Read `ds` and `config` inside the tests.
 */
export function useDialectHub(dialect: Dialect, name: string, env: () => NodeJS.ProcessEnv = () => ({})): DialectHub {
  let ds: DataSource | undefined;
  let config: HubConfig | undefined;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const db = await dialectDatabaseUrl(dialect, name);
    const url = db.url;
    drop = db.drop;
    config = loadConfig({ ...process.env, ...env(), DATABASE_URL: url, HUB_DATA_DIR: mkdtempSync(join(tmpdir(), `${name}-data-`)) });
    ds = await openDatabase(config.env.database, { migrate: true });
    await syncDirectory(ds, config);
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await drop();
  });
  return {
    get ds(): DataSource {
      if (!ds) throw new Error('the database is opened in beforeAll');
      return ds;
    },
    get config(): HubConfig {
      if (!config) throw new Error('the configuration is loaded in beforeAll');
      return config;
    },
  };
}
