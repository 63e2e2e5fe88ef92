import { DailyDim, FactsFilter, MONTHLY_DIMS, STATS, STATS_GROUP_BY, StatsGroupBy, StatsRepository, StatsRow, UnitOfWork } from '@hub/database';
import { addCounts, Counts, emptyCounts, Figures, figuresOf } from './figures';
import { parsePeriod, periodBounds, splitByMonths } from './period';

export { STATS_GROUP_BY };
export type { FactsFilter, StatsGroupBy };

export interface StatsQuery extends FactsFilter {
  /** Shanghai calendar dates, inclusive. */
  from: string;
  to: string;
  groupBy?: StatsGroupBy | null;
  /** For "overdue now". */
  now?: Date;
  /** `daily` (default) sums the pre-aggregated days; `raw` recomputes from the tickets (the baseline). */
  mode?: 'daily' | 'raw';
}

export interface StatsGroup {
  key: string;
  name: string;
  figures: Figures;
}

export interface StatsResult {
  from: string;
  to: string;
  total: Figures;
  groups: StatsGroup[];
}

function dailyDim(groupBy: StatsGroupBy | null | undefined, scoped: boolean): DailyDim {
  if (groupBy === 'unit') return 'unit';
  if (groupBy === 'category') return scoped ? 'unit_category' : 'category';
  if (groupBy === 'region') return scoped ? 'unit_region' : 'region';
  return scoped ? 'unit' : 'all';
}

function filterOf(q: StatsQuery): FactsFilter {
  return { channel: q.channel, sourceIds: q.sourceIds, unitIds: q.unitIds, cityUnitIds: q.cityUnitIds };
}

/** The name of the `city` group 0: tickets no city holds (the province desk's, or a single city's). */
export const OWN_DESK_GROUP = '本级（未转交地市）';

async function countRows(stats: StatsRepository, q: StatsQuery): Promise<StatsRow[]> {
  const g = q.groupBy ?? null;
  const scoped = Boolean(q.unitIds);
  // The daily pre-aggregation keeps no city: per city, the figures are summed from the tickets (ix_ticket_city).
  if (q.mode === 'raw' || g === 'city' || q.cityUnitIds) {
    const { start, end } = periodBounds(q);
    return stats.sumTickets(start, end, filterOf(q), g);
  }
  // Whole months from their rollups, the days around them from the daily rows (a daily series: days only).
  const dim = dailyDim(g, scoped);
  const { months, days } = g === 'day' ? { months: null, days: [{ from: q.from, to: q.to }] } : splitByMonths(q);
  const ranges = [...days.map((d) => ({ dim, ...d })), ...(months ? [{ dim: MONTHLY_DIMS[dim], ...months }] : [])];
  return stats.sumDaily(ranges, filterOf(q), g);
}

/** Dispatched tickets past their reply deadline and not replied, now: only the live table knows. */
function overdueRows(stats: StatsRepository, q: StatsQuery): Promise<Array<{ k?: unknown; n: unknown }>> {
  const { start, end } = periodBounds(q);
  return stats.overdueNow(start, end, q.now ?? new Date(), filterOf(q), q.groupBy ?? null);
}

/**
 * Statistics of a period, in total and broken down by one dimension. Counts come from the
 * daily pre-aggregation (call refreshDailyStats first for up-to-the-minute figures) or, with
 * mode `raw`, straight from the tickets; "overdue now" always from the live tickets.
 */
export async function queryStats(uow: UnitOfWork, query: StatsQuery): Promise<StatsResult> {
  const stats = uow.read(STATS);
  const q = { ...query, ...parsePeriod(query.from, query.to) };
  const g = q.groupBy ?? null;
  const [rows, overdue] = await Promise.all([countRows(stats, q), overdueRows(stats, q)]);
  const total = emptyCounts();
  const byKey = new Map<string, Counts>();
  for (const r of rows) {
    addCounts(total, r as Record<string, unknown>);
    if (g) {
      const k = String(r.k ?? '');
      addCounts(byKey.get(k) ?? byKey.set(k, emptyCounts()).get(k)!, r as Record<string, unknown>);
    }
  }
  const overdueByKey = new Map<string, number>();
  let overdueTotal = 0;
  for (const r of overdue) {
    overdueTotal += Number(r.n);
    if (g) overdueByKey.set(String(r.k ?? ''), (overdueByKey.get(String(r.k ?? '')) ?? 0) + Number(r.n));
  }
  const groups: StatsGroup[] = [];
  if (g) {
    for (const k of overdueByKey.keys()) if (!byKey.has(k)) byKey.set(k, emptyCounts());
    const names =
      g === 'unit' || g === 'city'
        ? await stats.namesOf('units', [...byKey.keys()])
        : g === 'source'
          ? await stats.namesOf('sources', [...byKey.keys()])
          : null;
    for (const [k, c] of byKey) {
      if (g === 'unit' && k === '0') continue; // not (yet) with any unit
      const name = g === 'city' && k === '0' ? OWN_DESK_GROUP : names ? (names.get(k) ?? `#${k}`) : k || '（未分类）';
      groups.push({ key: k, name, figures: figuresOf(c, overdueByKey.get(k) ?? 0) });
    }
    groups.sort((a, b) => (g === 'day' ? a.key.localeCompare(b.key) : b.figures.received - a.figures.received || a.name.localeCompare(b.name, 'zh')));
  }
  return { from: q.from, to: q.to, total: figuresOf(total, overdueTotal), groups };
}
