import { In, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database-errors';
import { AssignmentEntity, ZeroReportEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

export type NewZeroReport = Pick<ZeroReportEntity, 'unitId' | 'periodKey' | 'confirmedAt' | 'confirmedById' | 'confirmedByName'>;

/** 零报告 rows, and what decides whether a unit may confirm one: what was dispatched to it. */
export interface ZeroReportRepository {
  find(unitId: number, periodKey: string): Promise<ZeroReportEntity | null>;
  /** Stores the confirmation unless the unit's is there already (two clicks at once): the row kept, and whether it is new. */
  confirm(row: NewZeroReport): Promise<{ row: ZeroReportEntity; created: boolean }>;
  /** The period's confirmations (of these units only, when given), oldest first. */
  listForPeriod(periodKey: string, unitIds?: number[]): Promise<ZeroReportEntity[]>;
  /** Per unit, the assignments (主办 or 协办, any status) dispatched at or after `start` and before `end`. */
  dispatchedByUnit(start: Date, end: Date, unitIds?: number[]): Promise<Map<number, number>>;
}

export class TypeOrmZeroReportRepository implements ZeroReportRepository {
  constructor(private readonly m: EntityManager) {}

  private get repo() {
    return this.m.getRepository(ZeroReportEntity);
  }

  find(unitId: number, periodKey: string): Promise<ZeroReportEntity | null> {
    return this.repo.findOne({ where: { unitId, periodKey } });
  }

  async confirm(row: NewZeroReport): Promise<{ row: ZeroReportEntity; created: boolean }> {
    const existing = await this.find(row.unitId, row.periodKey);
    if (existing) return { row: existing, created: false };
    try {
      return { row: await this.repo.save(this.repo.create(row)), created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return { row: (await this.find(row.unitId, row.periodKey))!, created: false };
    }
  }

  listForPeriod(periodKey: string, unitIds?: number[]): Promise<ZeroReportEntity[]> {
    if (unitIds && !unitIds.length) return Promise.resolve([]);
    return this.repo.find({ where: { periodKey, ...(unitIds ? { unitId: In(unitIds) } : {}) }, order: { id: 'ASC' } });
  }

  async dispatchedByUnit(start: Date, end: Date, unitIds?: number[]): Promise<Map<number, number>> {
    if (unitIds && !unitIds.length) return new Map();
    const qb = this.m
      .createQueryBuilder(AssignmentEntity, 'a')
      .select('a.unitId', 'unitId')
      .addSelect('COUNT(*)', 'n')
      .where('a.dispatchedAt >= :start AND a.dispatchedAt < :end', { start, end })
      .groupBy('a.unitId');
    if (unitIds) qb.andWhere('a.unitId IN (:...units)', { units: unitIds });
    const rows = await qb.getRawMany<{ unitId: number | string; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.unitId), Number(r.n)]));
  }
}

export const ZERO_REPORTS = repositoryToken<ZeroReportRepository>('zero-reports', (m) => new TypeOrmZeroReportRepository(m));
