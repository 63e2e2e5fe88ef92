import type { EntityManager } from 'typeorm';
import { SourceEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The intake lines and mailboxes tickets come from (市长公开电话, 市长信箱...). */
export interface SourceRepository {
  findById(id: number): Promise<SourceEntity | null>;
  listAll(): Promise<SourceEntity[]>;
}

export class TypeOrmSourceRepository implements SourceRepository {
  constructor(private readonly m: EntityManager) {}

  findById(id: number): Promise<SourceEntity | null> {
    return this.m.getRepository(SourceEntity).findOneBy({ id });
  }

  listAll(): Promise<SourceEntity[]> {
    return this.m.getRepository(SourceEntity).find();
  }
}

export const SOURCES = repositoryToken<SourceRepository>('sources', (m) => new TypeOrmSourceRepository(m));
