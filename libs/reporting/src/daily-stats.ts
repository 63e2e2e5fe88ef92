import type { DataSource, QueryRunner } from 'typeorm';
import { COUNT_MEASURES } from './figures';
import { addDays, businessDate, monthEnd, startOfBusinessDay } from '@hub/domain';
import { dialectOf, SqlDialect } from './sql-dialect';
import { CELL_KEYS, cellSelects, DAILY_DIMS, DailyDim, MONTHLY_DIMS } from './ticket-facts';

/** A change this long before a day's build may have committed after it: the day is built again. */
const SAFETY_MARGIN_MS = 30_000;
/** The breakdowns, spelled for `dim IN (…)` so deletes use the (dim, statDay) index. */
const DIM_LIST = DAILY_DIMS.map((d) => `'${d}'`).join(', ');
const MONTH_DIM_LIST = Object.values(MONTHLY_DIMS).map((d) => `'${d}'`).join(', ');
/** Where a full rebuild on MySQL/MariaDB builds the new figures before swapping them in. */
const SHADOW_TABLE = 'stats_daily_next';
const RETIRED_TABLE = 'stats_daily_old';
/** Server-wide lock names are at most 64 characters: the database's name as a digest. */
const REBUILD_LOCK = `CONCAT('hub_stats_rebuild.', MD5(DATABASE()))`;
const STATS_COLUMNS = ['dim', 'statDay', 'channel', 'sourceId', 'unitId', 'label', 'builtAt', ...COUNT_MEASURES];

export interface RefreshResult {
  /** Days rebuilt. */
  days: number;
  /** Whether everything was rebuilt (first run). */
  full: boolean;
  ms: number;
}

type Runner = ReturnType<DataSource['createQueryRunner']>;

/**
 * Fills the temporary table stats_cells with the tickets' facts summed per cell (day, channel,
 * source, unit, category, region) of the period (everything without one): one pass over the
 * tickets. Run it inside a transaction on MySQL, in READ COMMITTED, so reading the tickets never
 * locks them against the desk's writes.
 */
async function buildCells(qr: Runner, sql: SqlDialect, period: { start: Date; end: Date } | null): Promise<void> {
  const [tickets, returns] = cellSelects(sql, period, period ? '' : sql.manyGroups);
  await qr.query(sql.dropTempTable('stats_cells'));
  await qr.query(sql.createTempTableAs('stats_cells', tickets.sql), tickets.params);
  await qr.query(`INSERT INTO stats_cells (${CELL_KEYS.join(', ')}, ${COUNT_MEASURES.join(', ')}) ${returns.sql}`, returns.params);
}

/**
 * How each daily breakdown is summed: the two finest from the cells, every other from a finer
 * breakdown already written (fewer rows to read than the cells).
 */
const DERIVATIONS: Array<{ dim: DailyDim; from: 'cells' | DailyDim; unit: boolean; label: string | null }> = [
  { dim: 'unit_category', from: 'cells', unit: true, label: 'category' },
  { dim: 'unit_region', from: 'cells', unit: true, label: 'region' },
  { dim: 'category', from: 'unit_category', unit: false, label: 'label' },
  { dim: 'region', from: 'unit_region', unit: false, label: 'label' },
  { dim: 'unit', from: 'unit_region', unit: true, label: null },
  { dim: 'all', from: 'unit', unit: false, label: null },
];

/** Sums the cells into every daily breakdown of the days [fromDay, toDay] of `table`. */
async function insertBreakdowns(qr: Runner, sql: SqlDialect, table: string, fromDay: string, toDay: string, builtAt: Date, manyGroups: boolean): Promise<void> {
  const sums = COUNT_MEASURES.map((m) => `SUM(c.${m})`).join(', ');
  for (const d of DERIVATIONS) {
    const unit = d.unit ? 'c.unitId' : '0';
    const label = d.label ? `c.${d.label}` : `''`;
    const group = ['c.statDay', 'c.channel', 'c.sourceId', unit, label].filter((c) => c.startsWith('c.'));
    // Breakdowns by category or region are large (a row per day, source and label): sort rather than hash.
    const hint = manyGroups && d.label ? sql.manyGroups : '';
    const from = d.from === 'cells' ? 'stats_cells c' : `${table} c WHERE c.dim = '${d.from}' AND c.statDay >= ? AND c.statDay <= ?`;
    await qr.query(
      `INSERT INTO ${table} (${STATS_COLUMNS.join(', ')})
       SELECT ${hint}'${d.dim}', c.statDay, c.channel, c.sourceId, ${unit}, ${label}, ?, ${sums}
       FROM ${from} GROUP BY ${group.join(', ')}`,
      [sql.time(builtAt), ...(d.from === 'cells' ? [] : [fromDay, toDay])],
    );
  }
}

/**
 * Sums the days of the months [fromMonth, toMonth] (YYYY-MM) of `table` into their monthly rows:
 * the two finest breakdowns from the days, the others from those months.
 */
async function rollUpMonths(qr: Runner, sql: SqlDialect, table: string, fromMonth: string, toMonth: string, builtAt: Date): Promise<void> {
  await qr.query(`DELETE FROM ${table} WHERE dim IN (${MONTH_DIM_LIST}) AND statDay >= ? AND statDay <= ?`, [fromMonth, toMonth]);
  const sums = COUNT_MEASURES.map((m) => `SUM(s.${m})`).join(', ');
  for (const d of DERIVATIONS) {
    const fromDays = d.from === 'cells';
    const month = fromDays ? 'SUBSTR(s.statDay, 1, 7)' : 's.statDay';
    const unit = d.unit ? 's.unitId' : '0';
    const label = d.label ? 's.label' : `''`;
    const group = [month, 's.channel', 's.sourceId', unit, label].filter((c) => c.includes('s.'));
    await qr.query(
      `INSERT INTO ${table} (${STATS_COLUMNS.join(', ')})
       SELECT '${MONTHLY_DIMS[d.dim]}', ${month}, s.channel, s.sourceId, ${unit}, ${label}, ?, ${sums}
       FROM ${table} s WHERE s.dim = ? AND s.statDay >= ? AND s.statDay <= ?
       GROUP BY ${group.join(', ')}`,
      d.from === 'cells'
        ? [sql.time(builtAt), d.dim, `${fromMonth}-01`, monthEnd(`${toMonth}-01`)]
        : [sql.time(builtAt), MONTHLY_DIMS[d.from], fromMonth, toMonth],
    );
  }
}

/**
 * Rebuilds the daily statistics of the days [fromDay, toDay] from the tickets: per calendar month,
 * the cells of its tickets (found by the receivedAt index), one INSERT…SELECT per breakdown, then
 * the month's rollup. Each month is one transaction, so readers see either the old or the new
 * figures of a day and its month, never half.
 */
export async function rebuildDailyStatsRange(ds: DataSource, fromDay: string, toDay: string, at?: Date): Promise<number> {
  const sql = dialectOf(ds);
  const builtAt = at ?? (await databaseNow(ds));
  let days = 0;
  for (let from = fromDay; from <= toDay; from = addDays(monthEnd(from), 1)) {
    const to = monthEnd(from) < toDay ? monthEnd(from) : toDay;
    const period = { start: startOfBusinessDay(from), end: startOfBusinessDay(addDays(to, 1)) };
    const qr = ds.createQueryRunner();
    await qr.connect();
    try {
      await inTransaction(qr, sql, async () => {
        await qr.query(`DELETE FROM stats_daily WHERE dim IN (${DIM_LIST}) AND statDay >= ? AND statDay <= ?`, [from, to]);
        await buildCells(qr, sql, period);
        await insertBreakdowns(qr, sql, 'stats_daily', from, to, builtAt, false);
        await rollUpMonths(qr, sql, 'stats_daily', from.slice(0, 7), from.slice(0, 7), builtAt);
      });
    } finally {
      await qr.release();
    }
    days += Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000);
  }
  return days;
}

/**
 * Rebuilds all daily statistics in one pass over the tickets (no per-day index lookups). On
 * MySQL/MariaDB the figures are built in a shadow table and swapped in by one atomic RENAME, so
 * readers see the old figures until then and no long transaction holds stats_daily; on SQLite
 * one transaction replaces them. Every row gets `builtAt`, taken before the tickets are read, so a
 * ticket changed during the build is picked up by the next refresh.
 */
async function rebuildAll(ds: DataSource, fromDay: string, toDay: string, builtAt: Date): Promise<void> {
  const sql = dialectOf(ds);
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    if (sql.kind === 'mysql') {
      // One full rebuild at a time per database (the nightly job and a first refresh may meet).
      const [{ locked }] = await qr.query(`SELECT GET_LOCK(${REBUILD_LOCK}, 3600) AS locked`);
      if (Number(locked) !== 1) throw new Error('another full rebuild of the statistics holds the lock');
      try {
        await qr.query(`DROP TABLE IF EXISTS ${SHADOW_TABLE}, ${RETIRED_TABLE}`);
        await qr.query(`CREATE TABLE ${SHADOW_TABLE} LIKE stats_daily`);
        await inTransaction(qr, sql, () => buildCells(qr, sql, null), false);
        await insertBreakdowns(qr, sql, SHADOW_TABLE, fromDay, toDay, builtAt, true);
        await rollUpMonths(qr, sql, SHADOW_TABLE, fromDay.slice(0, 7), toDay.slice(0, 7), builtAt);
        await qr.query(`RENAME TABLE stats_daily TO ${RETIRED_TABLE}, ${SHADOW_TABLE} TO stats_daily`);
        await qr.query(`DROP TABLE ${RETIRED_TABLE}`);
      } finally {
        await qr.query(sql.dropTempTable('stats_cells'));
        await qr.query(`DROP TABLE IF EXISTS ${SHADOW_TABLE}`);
        await qr.query(`SELECT RELEASE_LOCK(${REBUILD_LOCK})`);
      }
    } else {
      await inTransaction(qr, sql, async () => {
        await qr.query(`DELETE FROM stats_daily WHERE dim IN (${DIM_LIST}, ${MONTH_DIM_LIST})`);
        await buildCells(qr, sql, null);
        await insertBreakdowns(qr, sql, 'stats_daily', fromDay, toDay, builtAt, true);
        await rollUpMonths(qr, sql, 'stats_daily', fromDay.slice(0, 7), toDay.slice(0, 7), builtAt);
      });
    }
  } finally {
    await qr.release();
  }
}

/**
 * Runs `work` in one transaction (READ COMMITTED on MySQL/MariaDB); drops the temporary cells
 * table afterwards unless the caller still needs it.
 */
async function inTransaction(qr: QueryRunner, sql: SqlDialect, work: () => Promise<void>, dropCells = true): Promise<void> {
  await qr.startTransaction(sql.kind === 'mysql' ? 'READ COMMITTED' : undefined);
  try {
    await work();
    await qr.commitTransaction();
  } catch (e) {
    await qr.rollbackTransaction();
    throw e;
  } finally {
    if (dropCells) await qr.query(sql.dropTempTable('stats_cells'));
  }
}

/** Groups sorted days into runs of consecutive days. */
function runs(days: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** Rebuilds everything (or a range of days): a nightly job, or after a large import. */
export async function rebuildDailyStats(ds: DataSource, range: { from?: string; to?: string } = {}, builtAt?: Date): Promise<RefreshResult> {
  const t0 = Date.now();
  const sql = dialectOf(ds);
  const [row] = await ds.query('SELECT MIN(receivedAt) AS lo, MAX(receivedAt) AS hi FROM tickets');
  const lo = sql.parseTime(row?.lo);
  const hi = sql.parseTime(row?.hi);
  if (!lo || !hi) {
    if (!range.from && !range.to) await ds.query('DELETE FROM stats_daily');
    return { days: 0, full: true, ms: Date.now() - t0 };
  }
  const from = range.from ?? businessDate(lo);
  const to = range.to ?? businessDate(hi);
  const at = builtAt ?? (await databaseNow(ds));
  if (range.from || range.to) return { days: await rebuildDailyStatsRange(ds, from, to, at), full: false, ms: Date.now() - t0 };
  await rebuildAll(ds, from, to, at);
  const days = Math.round((startOfBusinessDay(addDays(to, 1)).getTime() - startOfBusinessDay(from).getTime()) / 86_400_000);
  return { days, full: true, ms: Date.now() - t0 };
}

async function databaseNow(ds: DataSource): Promise<Date> {
  const sql = dialectOf(ds);
  const [row] = await ds.query(sql.nowSql);
  return sql.parseTime(row?.now) ?? new Date();
}

/**
 * Brings the daily statistics up to date: rebuilds the days whose tickets changed after the day
 * was last built (by tickets.updatedAt), or everything on the first run. Cheap when little
 * changed, so reports call it before reading and the worker may call it every few minutes. Times
 * are the database's clock, the one updatedAt is written with. Two refreshes at once are
 * harmless: the loser's duplicate insert fails and the winner's figures stand.
 */
export async function refreshDailyStats(ds: DataSource): Promise<RefreshResult> {
  const t0 = Date.now();
  const sql = dialectOf(ds);
  const now = await databaseNow(ds);
  // Every build rolls up its months with the same builtAt: the few monthly totals carry the watermark.
  const [w] = await ds.query(`SELECT MAX(builtAt) AS at FROM stats_daily WHERE dim = '${MONTHLY_DIMS.all}'`);
  const watermark = sql.parseTime(w?.at);
  if (!watermark) {
    const r = await rebuildDailyStats(ds, {}, now);
    return { ...r, ms: Date.now() - t0 };
  }
  const dayCol = sql.shanghaiDay('receivedAt');
  const changed: Array<{ d: string; u: unknown }> = await ds.query(
    `SELECT ${dayCol} AS d, MAX(updatedAt) AS u FROM tickets WHERE updatedAt >= ? GROUP BY ${dayCol}`,
    [sql.time(new Date(watermark.getTime() - SAFETY_MARGIN_MS))],
  );
  const built = new Map<string, Date>();
  const days = changed.map((c) => String(c.d));
  for (let i = 0; i < days.length; i += 500) {
    const part = days.slice(i, i + 500);
    const rows: Array<{ d: string; b: unknown }> = await ds.query(
      `SELECT statDay AS d, MAX(builtAt) AS b FROM stats_daily WHERE dim = 'all' AND statDay IN (${part.map(() => '?').join(',')}) GROUP BY statDay`,
      part,
    );
    for (const r of rows) built.set(String(r.d), sql.parseTime(r.b) as Date);
  }
  // A day built after its last change (plus the margin for late commits) is up to date.
  const dirty = changed
    .filter((c) => {
      const b = built.get(String(c.d));
      const u = sql.parseTime(c.u);
      return !b || !u || u.getTime() > b.getTime() - SAFETY_MARGIN_MS;
    })
    .map((c) => String(c.d))
    .sort();
  let rebuilt = 0;
  for (const [from, to] of runs(dirty)) {
    try {
      rebuilt += await rebuildDailyStatsRange(ds, from, to, now);
    } catch (e) {
      if (!/duplicate|unique/i.test((e as Error).message)) throw e;
    }
  }
  return { days: rebuilt, full: false, ms: Date.now() - t0 };
}
