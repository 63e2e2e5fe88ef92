import { In, type EntityManager } from 'typeorm';
import { UnitEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The handling units (承办单位) as the ticket use cases look them up. */
export interface UnitRepository {
  findById(id: number): Promise<UnitEntity | null>;
  /** The units of these ids that exist (retired ones included: the caller decides). */
  findByIds(ids: number[]): Promise<UnitEntity[]>;
  findActiveByName(name: string): Promise<UnitEntity | null>;
  findActiveByNames(names: string[]): Promise<UnitEntity[]>;
  listAll(): Promise<UnitEntity[]>;
  /** The active units whose parent (units.yaml `parent`) is this unit. */
  listChildren(parentId: number): Promise<UnitEntity[]>;
}

export class TypeOrmUnitRepository implements UnitRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(UnitEntity);
  }

  findById(id: number): Promise<UnitEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: number[]): Promise<UnitEntity[]> {
    return this.repo.findBy({ id: In(ids) });
  }

  findActiveByName(name: string): Promise<UnitEntity | null> {
    return this.repo.findOneBy({ name, active: true });
  }

  findActiveByNames(names: string[]): Promise<UnitEntity[]> {
    return this.repo.findBy({ name: In(names), active: true });
  }

  listAll(): Promise<UnitEntity[]> {
    return this.repo.find();
  }

  listChildren(parentId: number): Promise<UnitEntity[]> {
    return this.repo.find({ where: { parentId, active: true }, order: { id: 'ASC' } });
  }
}

export const UNITS = repositoryToken<UnitRepository>('units', (m) => new TypeOrmUnitRepository(m));
