import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database-errors';
import { ClusterEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type ClusterRow = Omit<ClusterEntity, 'id'> & { id?: number };

/** Collective matters (集体诉求) the router flags. */
export interface ClusterRepository {
  findById(id: number): Promise<ClusterEntity | null>;
  /** Inserts a new cluster or updates the one with `id`; returns it with its id. */
  save(row: ClusterRow): Promise<ClusterEntity>;
  /**
   * The cluster with the row's key: inserted now (`created`), or the one another router inserted
   * first, however close together the two were (two tickets of one episode routed at once).
   */
  insertOrGet(row: Omit<ClusterEntity, 'id'>): Promise<{ cluster: ClusterEntity; created: boolean }>;
}

const INSERT_OR_GET_ATTEMPTS = 3;

export class TypeOrmClusterRepository implements ClusterRepository {
  constructor(private readonly m: EntityManager) {}

  findById(id: number): Promise<ClusterEntity | null> {
    return this.m.getRepository(ClusterEntity).findOneBy({ id });
  }

  save(row: ClusterRow): Promise<ClusterEntity> {
    const repo = this.m.getRepository(ClusterEntity);
    return repo.save(repo.create(row));
  }

  async insertOrGet(row: Omit<ClusterEntity, 'id'>): Promise<{ cluster: ClusterEntity; created: boolean }> {
    const repo = this.m.getRepository(ClusterEntity);
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await repo.insert(repo.create(row));
        return { cluster: await repo.findOneByOrFail({ id: res.identifiers[0].id as number }), created: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      // The other router's row is committed (the insert waited for it): a locking read sees it even
      // where this transaction's snapshot is older. Gone again (deleted meanwhile): insert anew.
      const found = await this.findByKeyLatest(row.key);
      if (found) return { cluster: found, created: false };
      if (attempt >= INSERT_OR_GET_ATTEMPTS) throw new Error(`cluster ${row.key}: neither inserted nor found after ${attempt} attempts`);
    }
  }

  private findByKeyLatest(key: string): Promise<ClusterEntity | null> {
    const qb = this.m.getRepository(ClusterEntity).createQueryBuilder('c').where('c.key = :key', { key });
    // SQLite has one writer at a time and no row locks: a plain read is the latest there.
    if (this.m.connection.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write');
    return qb.getOne();
  }
}

export const CLUSTERS = repositoryToken<ClusterRepository>('clusters', (m) => new TypeOrmClusterRepository(m));
