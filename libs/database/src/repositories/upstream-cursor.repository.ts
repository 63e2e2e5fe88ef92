import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database-errors';
import { UpstreamCursorEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type UpstreamCursorPatch = Partial<Omit<UpstreamCursorEntity, 'id' | 'upstream' | 'updatedAt'>>;

/** Where the pull of each upstream platform stands (its cursor) and how it went. */
export interface UpstreamCursorRepository {
  /** The upstream's row, made on first sight (cursor null: from the start). */
  ensure(upstream: string): Promise<UpstreamCursorEntity>;
  update(id: number, patch: UpstreamCursorPatch): Promise<void>;
  list(): Promise<UpstreamCursorEntity[]>;
}

export class TypeOrmUpstreamCursorRepository implements UpstreamCursorRepository {
  constructor(private readonly m: EntityManager) {}

  async ensure(upstream: string): Promise<UpstreamCursorEntity> {
    const repo = this.m.getRepository(UpstreamCursorEntity);
    const found = await repo.findOneBy({ upstream });
    if (found) return found;
    try {
      await repo.insert({ upstream, cursor: null, consecutiveFailures: 0, pulled: 0 });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another process made it meanwhile
    }
    return repo.findOneByOrFail({ upstream });
  }

  async update(id: number, patch: UpstreamCursorPatch): Promise<void> {
    await this.m.getRepository(UpstreamCursorEntity).update(id, patch);
  }

  list(): Promise<UpstreamCursorEntity[]> {
    return this.m.getRepository(UpstreamCursorEntity).find({ order: { upstream: 'ASC' } });
  }
}

export const UPSTREAM_CURSORS = repositoryToken<UpstreamCursorRepository>('upstream-cursors', (m) => new TypeOrmUpstreamCursorRepository(m));
