import type { EntityManager } from 'typeorm';
import { ClusterEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type ClusterRow = Omit<ClusterEntity, 'id'> & { id?: number };

/** Collective matters (集体诉求) the router flags. */
export interface ClusterRepository {
  findById(id: number): Promise<ClusterEntity | null>;
  /** Inserts a new cluster or updates the one with `id`; returns it with its id. */
  save(row: ClusterRow): Promise<ClusterEntity>;
}

export class TypeOrmClusterRepository implements ClusterRepository {
  constructor(private readonly m: EntityManager) {}

  findById(id: number): Promise<ClusterEntity | null> {
    return this.m.getRepository(ClusterEntity).findOneBy({ id });
  }

  save(row: ClusterRow): Promise<ClusterEntity> {
    const repo = this.m.getRepository(ClusterEntity);
    return repo.save(repo.create(row));
  }
}

export const CLUSTERS = repositoryToken<ClusterRepository>('clusters', (m) => new TypeOrmClusterRepository(m));
