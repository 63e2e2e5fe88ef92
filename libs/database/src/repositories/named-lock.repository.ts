import type { EntityManager, QueryRunner } from 'typeorm';
import { isMysqlFamily } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';

export interface NamedLockLease {
  release(): Promise<void>;
}

/**
 * Server-side named locks (MySQL/MariaDB GET_LOCK), held on a connection of their own until
 * released, and released by the server if their holder dies.
 */
export interface NamedLockRepository {
  /** False where the database has none (SQLite, one host by nature): the caller locks another way. */
  available(): boolean;
  /** Null at once when another connection holds `name`. */
  tryAcquire(name: string): Promise<NamedLockLease | null>;
}

export class TypeOrmNamedLockRepository implements NamedLockRepository {
  constructor(private readonly m: EntityManager) {}

  available(): boolean {
    return isMysqlFamily(this.m);
  }

  async tryAcquire(name: string): Promise<NamedLockLease | null> {
    const runner: QueryRunner = this.m.connection.createQueryRunner();
    await runner.connect();
    try {
      const rows = await runner.query('SELECT GET_LOCK(?, 0) AS got', [name]);
      if (Number(rows[0]?.got) !== 1) {
        await runner.release();
        return null;
      }
    } catch (e) {
      await runner.release();
      throw e;
    }
    return {
      release: async () => {
        try {
          await runner.query('SELECT RELEASE_LOCK(?)', [name]);
        } finally {
          await runner.release();
        }
      },
    };
  }
}

export const NAMED_LOCKS = repositoryToken<NamedLockRepository>('named-locks', (m) => new TypeOrmNamedLockRepository(m));
