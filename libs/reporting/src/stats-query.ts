import type { DataSource } from 'typeorm';
import { addCounts, COUNT_MEASURES, Counts, emptyCounts, Figures, figuresOf } from './figures';
import { parsePeriod, periodBounds, splitByMonths } from './period';
import { placeholders, SqlDialect, dialectOf } from './sql-dialect';
import { DailyDim, factAggregates, factsSelect, FactsFilter, MONTHLY_DIMS } from './ticket-facts';

export const STATS_GROUP_BY = ['unit', 'category', 'region', 'source', 'channel', 'day'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

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

/** Ticket states in which a unit still owes the reply. */
const OWING_STATUSES = ['dispatched', 'acknowledged', 'returned', 'extension_requested', 'reopened'];

function dailyDim(groupBy: StatsGroupBy | null | undefined, scoped: boolean): DailyDim {
  if (groupBy === 'unit') return 'unit';
  if (groupBy === 'category') return scoped ? 'unit_category' : 'category';
  if (groupBy === 'region') return scoped ? 'unit_region' : 'region';
  return scoped ? 'unit' : 'all';
}

const DAILY_GROUP_COL: Record<StatsGroupBy, string> = {
  unit: 's.unitId', category: 's.label', region: 's.label', source: 's.sourceId', channel: 's.channel', day: 's.statDay',
};
const FACT_GROUP_COL: Record<StatsGroupBy, string> = {
  unit: 'f.unitId', category: 'f.category', region: 'f.region', source: 'f.sourceId', channel: 'f.channel', day: 'f.statDay',
};
function ticketGroupCol(sql: SqlDialect, g: StatsGroupBy): string {
  return {
    unit: 'COALESCE(t.leadUnitId, 0)', category: `COALESCE(t.category, '')`, region: `COALESCE(t.region, '')`,
    source: 't.sourceId', channel: 't.channel', day: sql.shanghaiDay('t.receivedAt'),
  }[g];
}

type Row = Record<string, unknown> & { k?: unknown };

async function countRows(ds: DataSource, q: StatsQuery): Promise<Row[]> {
  const sql = dialectOf(ds);
  const g = q.groupBy ?? null;
  const scoped = Boolean(q.unitIds);
  if (q.mode === 'raw') {
    const { start, end } = periodBounds(q);
    const facts = factsSelect(sql, start, end, q);
    const aggs = factAggregates().map((a) => `${a.sql} AS ${a.measure}`).join(', ');
    return ds.query(
      `SELECT ${g ? `${FACT_GROUP_COL[g]} AS k, ` : ''}${aggs} FROM (${facts.sql}) f${g ? ` GROUP BY ${FACT_GROUP_COL[g]}` : ''}`,
      facts.params,
    );
  }
  // Whole months from their rollups, the days around them from the daily rows (a daily series: days only).
  const dim = dailyDim(g, scoped);
  const { months, days } = g === 'day' ? { months: null, days: [{ from: q.from, to: q.to }] } : splitByMonths(q);
  const ranges = [...days.map((d) => ({ dim, ...d })), ...(months ? [{ dim: MONTHLY_DIMS[dim], ...months }] : [])];
  const where = [`(${ranges.map(() => '(s.dim = ? AND s.statDay >= ? AND s.statDay <= ?)').join(' OR ')})`];
  const params: unknown[] = ranges.flatMap((r) => [r.dim, r.from, r.to]);
  if (q.channel) { where.push('s.channel = ?'); params.push(q.channel); }
  if (q.sourceIds) { where.push(q.sourceIds.length ? `s.sourceId IN (${placeholders(q.sourceIds.length)})` : '1 = 0'); params.push(...q.sourceIds); }
  if (q.unitIds) { where.push(q.unitIds.length ? `s.unitId IN (${placeholders(q.unitIds.length)})` : '1 = 0'); params.push(...q.unitIds); }
  const sums = COUNT_MEASURES.map((m) => `SUM(s.${m}) AS ${m}`).join(', ');
  return ds.query(
    `SELECT ${g ? `${DAILY_GROUP_COL[g]} AS k, ` : ''}${sums} FROM stats_daily s WHERE ${where.join(' AND ')}${g ? ` GROUP BY ${DAILY_GROUP_COL[g]}` : ''}`,
    params,
  );
}

/** Dispatched tickets past their reply deadline and not replied, now: only the live table knows. */
async function overdueRows(ds: DataSource, q: StatsQuery): Promise<Array<{ k?: unknown; n: unknown }>> {
  const sql = dialectOf(ds);
  const { start, end } = periodBounds(q);
  const g = q.groupBy ?? null;
  const where = [
    `t.status IN (${placeholders(OWING_STATUSES.length)})`, `t.disposition = 'dispatched'`, 't.repliedAt IS NULL', 't.replyDueAt < ?',
    't.receivedAt >= ?', 't.receivedAt < ?',
  ];
  const params: unknown[] = [...OWING_STATUSES, sql.time(q.now ?? new Date()), sql.time(start), sql.time(end)];
  if (q.channel) { where.push('t.channel = ?'); params.push(q.channel); }
  if (q.sourceIds) { where.push(q.sourceIds.length ? `t.sourceId IN (${placeholders(q.sourceIds.length)})` : '1 = 0'); params.push(...q.sourceIds); }
  if (q.unitIds) { where.push(q.unitIds.length ? `t.leadUnitId IN (${placeholders(q.unitIds.length)})` : '1 = 0'); params.push(...q.unitIds); }
  const col = g ? ticketGroupCol(sql, g) : null;
  return ds.query(
    `SELECT ${col ? `${col} AS k, ` : ''}COUNT(*) AS n FROM tickets t WHERE ${where.join(' AND ')}${col ? ` GROUP BY ${col}` : ''}`,
    params,
  );
}

async function namesOf(ds: DataSource, table: 'units' | 'sources', ids: string[]): Promise<Map<string, string>> {
  const nums = ids.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (!nums.length) return new Map();
  const rows: Array<{ id: number; name: string }> = await ds.query(`SELECT id, name FROM ${table} WHERE id IN (${placeholders(nums.length)})`, nums);
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

/**
 * Statistics of a period, in total and broken down by one dimension. Counts come from the
 * daily pre-aggregation (call refreshDailyStats first for up-to-the-minute figures) or, with
 * mode `raw`, straight from the tickets; "overdue now" always from the live tickets.
 */
export async function queryStats(ds: DataSource, query: StatsQuery): Promise<StatsResult> {
  const q = { ...query, ...parsePeriod(query.from, query.to) };
  const g = q.groupBy ?? null;
  const [rows, overdue] = await Promise.all([countRows(ds, q), overdueRows(ds, q)]);
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
    const names = g === 'unit' ? await namesOf(ds, 'units', [...byKey.keys()]) : g === 'source' ? await namesOf(ds, 'sources', [...byKey.keys()]) : null;
    for (const [k, c] of byKey) {
      if (g === 'unit' && k === '0') continue; // not (yet) with any unit
      const name = names ? names.get(k) ?? `#${k}` : k || '（未分类）';
      groups.push({ key: k, name, figures: figuresOf(c, overdueByKey.get(k) ?? 0) });
    }
    groups.sort((a, b) => (g === 'day' ? a.key.localeCompare(b.key) : b.figures.received - a.figures.received || a.name.localeCompare(b.name, 'zh')));
  }
  return { from: q.from, to: q.to, total: figuresOf(total, overdueTotal), groups };
}
