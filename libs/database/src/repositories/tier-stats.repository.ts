import type { TierCounts } from '@hub/domain';
import type { EntityManager } from 'typeorm';
import { AssignmentEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';

/** Statistics by tier: each unit's assignments of a period, measured against their own reply deadline. */
export interface TierStatsRepository {
  /**
   * Per unit, the assignments given to it in [from, to) (by when they were given) with their
   * reply deadline (the assignment's `reply` limit): answered, in time, late, overdue now,
   * returned. `unitIds`: those units only (a scoped desk's sub-tree); null: every unit.
   */
  countsByUnit(from: Date, to: Date, now: Date, unitIds: number[] | null): Promise<Map<number, TierCounts>>;
}

export class TypeOrmTierStatsRepository implements TierStatsRepository {
  constructor(private readonly m: EntityManager) {}

  async countsByUnit(from: Date, to: Date, now: Date, unitIds: number[] | null): Promise<Map<number, TierCounts>> {
    const sum = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
    const qb = this.m
      .createQueryBuilder(AssignmentEntity, 'a')
      .leftJoin('deadlines', 'd', "d.ticketId = a.ticketId AND d.assignmentId = a.id AND d.stage = 'reply'")
      .select('a.unitId', 'unitId')
      .addSelect('COUNT(*)', 'assigned')
      .addSelect(sum('a.repliedAt IS NOT NULL'), 'replied')
      .addSelect(sum('a.repliedAt IS NOT NULL AND (d.dueAt IS NULL OR a.repliedAt <= d.dueAt)'), 'repliedOnTime')
      .addSelect(sum('a.repliedAt IS NOT NULL AND a.repliedAt > d.dueAt'), 'repliedLate')
      .addSelect(sum("a.repliedAt IS NULL AND a.status = 'active' AND d.status = 'open' AND d.dueAt < :now"), 'overdueOpen')
      .addSelect(sum("a.status = 'returned'"), 'returned')
      .where('a.dispatchedAt >= :from AND a.dispatchedAt < :to', { from, to, now })
      .andWhere("a.status <> 'cancelled'");
    if (unitIds) qb.andWhere('a.unitId IN (:...tierUnits)', { tierUnits: unitIds.length ? unitIds : [-1] });
    const rows = (await qb.groupBy('a.unitId').getRawMany()) as Array<Record<keyof TierCounts | 'unitId', string | number | null>>;
    const n = (v: string | number | null) => Number(v ?? 0);
    return new Map(
      rows.map((r) => [
        n(r.unitId),
        {
          assigned: n(r.assigned),
          replied: n(r.replied),
          repliedOnTime: n(r.repliedOnTime),
          repliedLate: n(r.repliedLate),
          overdueOpen: n(r.overdueOpen),
          returned: n(r.returned),
        },
      ]),
    );
  }
}

export const TIER_STATS = repositoryToken<TierStatsRepository>('tier-stats', (m) => new TypeOrmTierStatsRepository(m));
