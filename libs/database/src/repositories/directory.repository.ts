import type { EntityManager } from 'typeorm';
import { CategoryEntity, RegionEntity, SourceEntity, UnitEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The directory the console's selects show (the database mirror of the configuration), in id order. */
export interface DirectoryRepository {
  activeUnits(): Promise<UnitEntity[]>;
  categories(): Promise<CategoryEntity[]>;
  regions(): Promise<RegionEntity[]>;
  activeSources(): Promise<SourceEntity[]>;
}

export class TypeOrmDirectoryRepository implements DirectoryRepository {
  constructor(private readonly m: EntityManager) {}

  activeUnits(): Promise<UnitEntity[]> {
    return this.m.getRepository(UnitEntity).find({ where: { active: true }, order: { id: 'ASC' } });
  }

  categories(): Promise<CategoryEntity[]> {
    return this.m.getRepository(CategoryEntity).find({ order: { id: 'ASC' } });
  }

  regions(): Promise<RegionEntity[]> {
    return this.m.getRepository(RegionEntity).find({ order: { id: 'ASC' } });
  }

  activeSources(): Promise<SourceEntity[]> {
    return this.m.getRepository(SourceEntity).find({ where: { active: true }, order: { id: 'ASC' } });
  }
}

export const DIRECTORY = repositoryToken<DirectoryRepository>('directory', (m) => new TypeOrmDirectoryRepository(m));
