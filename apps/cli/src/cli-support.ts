import { DataSource } from 'typeorm';
import { HubConfig, loadConfig, type LoadConfigOptions } from '@hub/config';
import { openDatabase, TypeOrmUnitOfWork, UnitOfWork } from '@hub/database';
import type { JobProducer } from '@hub/queue';

/** A failure the person at the terminal can act on: printed as one line, exit code 1. */
export class CliError extends Error {}

export function config(opts: LoadConfigOptions = {}): HubConfig {
  return loadConfig(process.env, opts);
}

export async function withDatabase<T>(cfg: HubConfig, fn: (ds: DataSource) => Promise<T>, opts: { skipPendingCheck?: boolean } = {}): Promise<T> {
  const ds = await openDatabase(cfg.env.database);
  try {
    if (!opts.skipPendingCheck && (await ds.showMigrations())) throw new CliError('database has pending migrations — run `npx hub db migrate` first');
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** For commands that queue no jobs: a job asked for anyway is named in a warning, not lost silently. */
const NO_QUEUE: JobProducer = {
  add: async (name) => Promise.reject(new Error(`this command has no job queue (${name})`)),
  addMany: async (name) => Promise.reject(new Error(`this command has no job queue (${name})`)),
};

/** The database as a unit of work, for commands that queue no jobs (reports, history import, seeding). */
export function unitOfWorkOver(ds: DataSource): UnitOfWork {
  return new TypeOrmUnitOfWork(ds, NO_QUEUE, undefined, 0);
}

export async function withUnitOfWork<T>(cfg: HubConfig, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  return withDatabase(cfg, (ds) => fn(unitOfWorkOver(ds)));
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/** Wraps a command action: any error becomes one human line on stderr and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const msg = (e as Error).message || String(e);
      process.stderr.write(`hub: ${msg.split('\n').join('; ')}\n`);
      if (process.env.HUB_DEBUG) console.error(e);
      process.exitCode = 1;
    }
  };
}
