import { AsyncLocalStorage } from 'async_hooks';
import { DataSource, EntityManager } from 'typeorm';

/**
 * SQLite through better-sqlite3 has one connection per process, and TypeORM shares one query
 * runner for it: two jobs running transactions at the same time would interleave on it ("cannot
 * start a transaction within a transaction"). This serialises transactions per process: one
 * flow at a time holds the connection's transaction; a transaction nested inside the holder's own
 * flow (tracked with AsyncLocalStorage) passes through. MySQL needs none of this (a pool).
 */
export function serializeSqliteTransactions(ds: DataSource): void {
  const als = new AsyncLocalStorage<symbol>();
  let owner: symbol | null = null;
  const waiting: Array<() => void> = [];
  const acquire = async (token: symbol) => {
    while (owner !== null) await new Promise<void>((resolve) => waiting.push(resolve));
    owner = token;
  };
  const release = () => {
    owner = null;
    waiting.shift()?.();
  };

  const manager = ds.manager as EntityManager & { transaction: (...args: unknown[]) => Promise<unknown> };
  const originalTransaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = (async (...args: unknown[]) => {
    const current = als.getStore();
    if (current && current === owner) return originalTransaction(...args);
    const token = Symbol('tx');
    await acquire(token);
    try {
      return await als.run(token, () => originalTransaction(...args));
    } finally {
      release();
    }
  }) as typeof manager.transaction;

  // Transactions started on the query runner directly (save(), hand-written ones) take the same turn.
  const runner = ds.createQueryRunner() as unknown as {
    isTransactionActive: boolean;
    startTransaction: (level?: unknown) => Promise<void>;
    commitTransaction: () => Promise<void>;
    rollbackTransaction: () => Promise<void>;
    transactionDepth?: number;
  };
  const start = runner.startTransaction.bind(runner);
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);
  let directToken: symbol | null = null;
  // Each transaction takes the file's write lock when it begins (BEGIN IMMEDIATE). A deferred one
  // that read before it wrote failed at once with "database is locked" when the other process (API
  // or worker) had written meanwhile: SQLite cannot move its snapshot forward, and the busy timeout
  // does not apply to that. Begun immediate, it waits for the other's commit (busy_timeout) instead.
  const queryOf = runner as unknown as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
  const query = queryOf.query.bind(runner);
  queryOf.query = (sql: string, ...rest: unknown[]) => query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);

  runner.startTransaction = async (level?: unknown) => {
    const current = als.getStore();
    const mine = Boolean(current && current === owner);
    if (!mine) {
      const token = Symbol('direct-tx');
      await acquire(token);
      directToken = token;
    }
    try {
      await sync(() => start(level));
    } catch (e) {
      // BEGIN IMMEDIATE gave up (the other process kept the write lock past busy_timeout): TypeORM
      // has marked the runner active already, though no transaction is open; left so, every save()
      // after it ran outside a transaction (half of a failed save kept) until the next one began.
      if (!runner.transactionDepth) active = false;
      if (!mine) {
        directToken = null;
        release();
      }
      throw e;
    }
  };
  // Another flow asking "is a transaction open?" (save() does) is told no, so it starts its own
  // and waits for its turn instead of joining (and sharing the fate of) someone else's.
  let bypass = 0;
  // TypeORM checks the flag synchronously on entry to start/commit/rollback: lift the mask for
  // exactly that synchronous part, so no other flow ever sees through it.
  const sync = <T>(fn: () => Promise<T>): Promise<T> => {
    bypass++;
    try {
      return fn();
    } finally {
      bypass--;
    }
  };
  const proto = Object.getPrototypeOf(runner);
  const desc = Object.getOwnPropertyDescriptor(runner, 'isTransactionActive') ?? Object.getOwnPropertyDescriptor(proto, 'isTransactionActive');
  let active = Boolean(desc && 'value' in desc ? desc.value : runner.isTransactionActive);
  Object.defineProperty(runner, 'isTransactionActive', {
    configurable: true,
    get: () => {
      if (!active || bypass > 0 || owner === null) return active;
      const current = als.getStore();
      return Boolean(current && current === owner);
    },
    set: (v: boolean) => {
      active = v;
    },
  });
  const finish = (fn: () => Promise<void>) => async () => {
    try {
      await sync(fn);
    } finally {
      if (directToken !== null && owner === directToken && !runner.isTransactionActive) {
        directToken = null;
        release();
      }
    }
  };
  runner.commitTransaction = finish(commit);
  runner.rollbackTransaction = finish(rollback);
}
