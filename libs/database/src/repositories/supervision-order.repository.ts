import { In, type EntityManager } from 'typeorm';
import { SupervisionOrderEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type NewSupervisionOrder = Omit<SupervisionOrderEntity, 'id' | 'createdAt'> & { createdAt?: Date };

export interface SupervisionOrderFilter {
  /** Orders addressed to these units only (a unit user's scope). */
  unitIds?: number[];
  statuses?: string[];
  ticketId?: number;
  /** Issued at or after / before. */
  from?: Date;
  to?: Date;
  /** Listed in a 通报 at or after / before (orders never reported are left out when given). */
  reportedFrom?: Date;
  reportedTo?: Date;
  limit?: number;
}

/** 督办单 rows. */
export interface SupervisionOrderRepository {
  add(row: NewSupervisionOrder): Promise<SupervisionOrderEntity>;
  findById(id: number): Promise<SupervisionOrderEntity | null>;
  save(row: SupervisionOrderEntity): Promise<void>;
  /** Newest first. */
  list(filter: SupervisionOrderFilter): Promise<SupervisionOrderEntity[]>;
  /** The open orders whose due-time rows are these (the sweep's escalations). */
  listOpenByDeadlines(deadlineIds: number[]): Promise<SupervisionOrderEntity[]>;
}

export class TypeOrmSupervisionOrderRepository implements SupervisionOrderRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(SupervisionOrderEntity);
  }

  add(row: NewSupervisionOrder): Promise<SupervisionOrderEntity> {
    return this.repo.save(this.repo.create(row));
  }

  findById(id: number): Promise<SupervisionOrderEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  async save(row: SupervisionOrderEntity): Promise<void> {
    await this.repo.save(row);
  }

  list(f: SupervisionOrderFilter): Promise<SupervisionOrderEntity[]> {
    const qb = this.repo.createQueryBuilder('o');
    if (f.unitIds) qb.andWhere(f.unitIds.length ? 'o.unitId IN (:...units)' : '1 = 0', { units: f.unitIds });
    if (f.statuses?.length) qb.andWhere('o.status IN (:...statuses)', { statuses: f.statuses });
    if (f.ticketId !== undefined) qb.andWhere('o.ticketId = :ticketId', { ticketId: f.ticketId });
    if (f.from) qb.andWhere('o.issuedAt >= :from', { from: f.from });
    if (f.to) qb.andWhere('o.issuedAt < :to', { to: f.to });
    if (f.reportedFrom || f.reportedTo) qb.andWhere('o.reportedAt IS NOT NULL');
    if (f.reportedFrom) qb.andWhere('o.reportedAt >= :rf', { rf: f.reportedFrom });
    if (f.reportedTo) qb.andWhere('o.reportedAt < :rt', { rt: f.reportedTo });
    return qb
      .orderBy('o.id', 'DESC')
      .take(f.limit ?? 500)
      .getMany();
  }

  listOpenByDeadlines(deadlineIds: number[]): Promise<SupervisionOrderEntity[]> {
    if (!deadlineIds.length) return Promise.resolve([]);
    return this.repo.find({ where: { deadlineId: In(deadlineIds), status: 'open' } });
  }
}

export const SUPERVISION_ORDERS = repositoryToken<SupervisionOrderRepository>('supervision-orders', (m) => new TypeOrmSupervisionOrderRepository(m));
