import { TIER_STATS, UnitOfWork, UNITS } from '@hub/database';
import { tierStatistics, type TicketScope, type TierStatsRow, type TierStatsUnitRow } from '@hub/domain';
import { parsePeriod, periodBounds } from './period';

export interface TierStatsQuery {
  /** Shanghai calendar dates, inclusive. */
  from: string;
  to: string;
  now: Date;
  /** A scoped desk: its sub-tree's units only, rolled up to its root. Null: every unit. */
  scope: TicketScope | null;
}

export interface TierStatsResult {
  from: string;
  to: string;
  tiers: TierStatsRow[];
  units: TierStatsUnitRow[];
  definitions: string[];
}

export const TIER_STATS_DEFINITIONS = [
  '统计口径：期间内交办给该单位的件（主办、协办、二级派单），以交办时为准；每一级按自己的办理时限考核（区县按市级交办的时限，街道按区县二级派单的时限）。',
  '按时反馈率 = 按时限反馈件数 ÷（已反馈件数 + 超期未反馈件数）；未设时限的反馈算按时。',
  '本级：该单位自己的件；含下级：该单位及其全部下级单位的件合计（逐级汇总）。',
];

/** 分级统计: timeliness at each level and rolled up the hierarchy, for a period. */
export async function queryTierStats(uow: UnitOfWork, q: TierStatsQuery): Promise<TierStatsResult> {
  const p = parsePeriod(q.from, q.to);
  const { start, end } = periodBounds(p);
  const [counts, all] = await Promise.all([uow.read(TIER_STATS).countsByUnit(start, end, q.now, q.scope?.unitIds ?? null), uow.read(UNITS).listAll()]);
  const shown = q.scope ? new Set(q.scope.unitIds) : null;
  // A scoped desk's root is the top of its tree: its parent (outside the scope) is not shown.
  const units = all
    .filter((u) => !shown || shown.has(u.id))
    .map((u) => ({ id: u.id, name: u.name, tier: u.tier, parentId: shown && !shown.has(u.parentId ?? -1) ? null : u.parentId }));
  return { from: p.from, to: p.to, ...tierStatistics(units, counts), definitions: TIER_STATS_DEFINITIONS };
}
