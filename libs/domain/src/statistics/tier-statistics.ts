import { UNIT_TIER_LABELS, type UnitTier } from '../ticket/unit-tiers';

/**
 * Statistics by tier (issue #21): each level measured against the deadline it was given. A
 * district desk's assignment is measured against the reply limit the city set when it dispatched;
 * the street office's, against the share of it the district handed down (二级派单); and so on.
 */
export interface TierCounts {
  /** Assignments given to the unit in the period (lead, assist or 二级派单). */
  assigned: number;
  /** Answered (to the city, or to the desk above). */
  replied: number;
  /** Answered by its reply deadline (or with none set). */
  repliedOnTime: number;
  /** Answered after it. */
  repliedLate: number;
  /** Not answered, still running, past the deadline now. */
  overdueOpen: number;
  /** Sent back up (退单). */
  returned: number;
}

export interface TierFigures extends TierCounts {
  /** 按时反馈率: answered on time ÷ (answered + overdue unanswered); null when nothing was due. */
  onTimeRate: number | null;
}

export interface TierStatsUnit {
  id: number;
  name: string;
  parentId: number | null;
  tier: string | null;
}

export interface TierStatsUnitRow {
  unitId: number;
  name: string;
  tier: string | null;
  parentId: number | null;
  /** Its own assignments. */
  own: TierFigures;
  /** Its own and those of every unit below it (roll-up). */
  subtree: TierFigures;
}

export interface TierStatsRow extends TierFigures {
  tier: string;
  label: string;
}

export const EMPTY_TIER_COUNTS: TierCounts = { assigned: 0, replied: 0, repliedOnTime: 0, repliedLate: 0, overdueOpen: 0, returned: 0 };

function figures(c: TierCounts): TierFigures {
  const due = c.replied + c.overdueOpen;
  return { ...c, onTimeRate: due ? c.repliedOnTime / due : null };
}

function add(a: TierCounts, b: TierCounts): TierCounts {
  return {
    assigned: a.assigned + b.assigned,
    replied: a.replied + b.replied,
    repliedOnTime: a.repliedOnTime + b.repliedOnTime,
    repliedLate: a.repliedLate + b.repliedLate,
    overdueOpen: a.overdueOpen + b.overdueOpen,
    returned: a.returned + b.returned,
  };
}

/**
 * Per tier (city, district, street, community; units without one as `none`) and per unit (its own
 * and its sub-tree's, rolled up the hierarchy), from each unit's counts. Units with nothing in
 * their sub-tree are left out; rows are in tier order, then by name.
 */
export function tierStatistics(units: readonly TierStatsUnit[], counts: ReadonlyMap<number, TierCounts>): { tiers: TierStatsRow[]; units: TierStatsUnitRow[] } {
  const children = new Map<number, TierStatsUnit[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const subtree = new Map<number, TierCounts>();
  const rollUp = (u: TierStatsUnit, path: Set<number>): TierCounts => {
    const done = subtree.get(u.id);
    if (done) return done;
    let sum = counts.get(u.id) ?? EMPTY_TIER_COUNTS;
    for (const c of children.get(u.id) ?? []) if (!path.has(c.id)) sum = add(sum, rollUp(c, new Set([...path, c.id])));
    subtree.set(u.id, sum);
    return sum;
  };
  const order = (t: string | null) => {
    const i = (Object.keys(UNIT_TIER_LABELS) as string[]).indexOf(t ?? '');
    return i < 0 ? 99 : i;
  };
  const rows: TierStatsUnitRow[] = units
    .map((u) => ({ u, sub: rollUp(u, new Set([u.id])) }))
    .filter(({ sub }) => sub.assigned > 0)
    .map(({ u, sub }) => ({
      unitId: u.id,
      name: u.name,
      tier: u.tier,
      parentId: u.parentId,
      own: figures(counts.get(u.id) ?? EMPTY_TIER_COUNTS),
      subtree: figures(sub),
    }))
    .sort((a, b) => order(a.tier) - order(b.tier) || a.name.localeCompare(b.name, 'zh'));
  const byTier = new Map<string, TierCounts>();
  for (const u of units) {
    const c = counts.get(u.id);
    if (!c) continue;
    const key = u.tier ?? 'none';
    byTier.set(key, add(byTier.get(key) ?? EMPTY_TIER_COUNTS, c));
  }
  const tiers = [...byTier.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([tier, c]) => ({ tier, label: UNIT_TIER_LABELS[tier as UnitTier] ?? '未分级', ...figures(c) }));
  return { tiers, units: rows };
}
