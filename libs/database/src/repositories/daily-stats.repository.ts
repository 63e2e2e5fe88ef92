import type { EntityManager, QueryRunner } from 'typeorm';
import { dialectOf, SqlDialect } from '../stats/sql-dialect';
import { CELL_KEYS, COUNT_MEASURES, DAILY_DIMS, DailyDim, MONTHLY_DIMS } from '../stats/stats-columns';
import { cellSelects } from '../stats/ticket-facts.sql';
import { repositoryToken } from '../unit-of-work/repository-token';

/** The breakdowns, spelled for `dim IN (…)` so deletes use the (dim, statDay) index. */
const DIM_LIST = DAILY_DIMS.map((d) => `'${d}'`).join(', ');
const MONTH_DIM_LIST = Object.values(MONTHLY_DIMS)
  .map((d) => `'${d}'`)
  .join(', ');
/** Where a full rebuild on MySQL/MariaDB builds the new figures before swapping them in. */
const SHADOW_TABLE = 'stats_daily_next';
const RETIRED_TABLE = 'stats_daily_old';
/** Server-wide lock names are at most 64 characters: the database's name as a digest. */
const REBUILD_LOCK = `CONCAT('hub_stats_rebuild.', MD5(DATABASE()))`;
const STATS_COLUMNS = ['dim', 'statDay', 'channel', 'sourceId', 'unitId', 'label', 'builtAt', ...COUNT_MEASURES];

/** Days [from, to] of one calendar month, the instants [start, end) they cover, and that month's last day. */
export interface StatsDays {
  from: string;
  to: string;
  start: Date;
  end: Date;
  monthLastDay: string;
}

/** Calendar months [from, to] (YYYY-MM) and the last day of `to`. */
export interface StatsMonths {
  from: string;
  to: string;
  lastDay: string;
}

/**
 * The daily and monthly pre-aggregation of the tickets (stats_daily): the dialect-specific bulk
 * SQL that builds it. Which days to build, and when, is libs/reporting's decision.
 */
export interface DailyStatsRepository {
  /** The database's own clock, as updatedAt columns are written (CURRENT_TIMESTAMP). */
  databaseNow(): Promise<Date>;
  /** The first and last receivedAt of all tickets (null when there are none). */
  receivedRange(): Promise<{ first: Date | null; last: Date | null }>;
  deleteAll(): Promise<void>;
  /** builtAt of the monthly totals: every build rolls up its months, so they carry the watermark. */
  watermark(): Promise<Date | null>;
  /** Shanghai days (of receipt) whose tickets changed since `since`, with each day's last change. */
  changedDaysSince(since: Date): Promise<Array<{ day: string; updatedAt: Date | null }>>;
  /** When each of these days was last built. */
  builtAtOfDays(days: string[]): Promise<Map<string, Date>>;
  /** Rebuilds the days (all in one month) and that month's rollup, in one transaction. */
  rebuildDays(days: StatsDays, builtAt: Date): Promise<void>;
  /** Rebuilds everything in one pass over the tickets (days [from, to], months `months`). */
  rebuildAll(days: { from: string; to: string }, months: StatsMonths, builtAt: Date): Promise<void>;
}

/**
 * Fills the temporary table stats_cells with the tickets' facts summed per cell (day, channel,
 * source, unit, category, region) of the period (everything without one): one pass over the
 * tickets. Run it inside a transaction on MySQL, in READ COMMITTED, so reading the tickets never
 * locks them against the desk's writes.
 */
async function buildCells(qr: QueryRunner, sql: SqlDialect, period: { start: Date; end: Date } | null): Promise<void> {
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
async function insertBreakdowns(
  qr: QueryRunner,
  sql: SqlDialect,
  table: string,
  fromDay: string,
  toDay: string,
  builtAt: Date,
  manyGroups: boolean,
): Promise<void> {
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
async function rollUpMonths(qr: QueryRunner, sql: SqlDialect, table: string, months: StatsMonths, builtAt: Date): Promise<void> {
  const { from: fromMonth, to: toMonth } = months;
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
      d.from === 'cells' ? [sql.time(builtAt), d.dim, `${fromMonth}-01`, months.lastDay] : [sql.time(builtAt), MONTHLY_DIMS[d.from], fromMonth, toMonth],
    );
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

/**
 * Builds on a connection of its own (a query runner): the temporary cells table, the transaction
 * and the rebuild lock all belong to one connection, whatever unit of work it was read from.
 */
export class TypeOrmDailyStatsRepository implements DailyStatsRepository {
  private readonly sql: SqlDialect;
  constructor(private readonly m: EntityManager) {
    this.sql = dialectOf(m.connection);
  }

  async databaseNow(): Promise<Date> {
    const [row] = await this.m.query(this.sql.nowSql);
    return this.sql.parseTime(row?.now) ?? new Date();
  }

  async receivedRange(): Promise<{ first: Date | null; last: Date | null }> {
    const [row] = await this.m.query('SELECT MIN(receivedAt) AS lo, MAX(receivedAt) AS hi FROM tickets');
    return { first: this.sql.parseTime(row?.lo), last: this.sql.parseTime(row?.hi) };
  }

  async deleteAll(): Promise<void> {
    await this.m.query('DELETE FROM stats_daily');
  }

  async watermark(): Promise<Date | null> {
    const [w] = await this.m.query(`SELECT MAX(builtAt) AS at FROM stats_daily WHERE dim = '${MONTHLY_DIMS.all}'`);
    return this.sql.parseTime(w?.at);
  }

  async changedDaysSince(since: Date): Promise<Array<{ day: string; updatedAt: Date | null }>> {
    const dayCol = this.sql.shanghaiDay('receivedAt');
    const changed: Array<{ d: string; u: unknown }> = await this.m.query(
      `SELECT ${dayCol} AS d, MAX(updatedAt) AS u FROM tickets WHERE updatedAt >= ? GROUP BY ${dayCol}`,
      [this.sql.time(since)],
    );
    return changed.map((c) => ({ day: String(c.d), updatedAt: this.sql.parseTime(c.u) }));
  }

  async builtAtOfDays(days: string[]): Promise<Map<string, Date>> {
    const built = new Map<string, Date>();
    for (let i = 0; i < days.length; i += 500) {
      const part = days.slice(i, i + 500);
      const rows: Array<{ d: string; b: unknown }> = await this.m.query(
        `SELECT statDay AS d, MAX(builtAt) AS b FROM stats_daily WHERE dim = 'all' AND statDay IN (${part.map(() => '?').join(',')}) GROUP BY statDay`,
        part,
      );
      for (const r of rows) built.set(String(r.d), this.sql.parseTime(r.b) as Date);
    }
    return built;
  }

  async rebuildDays(days: StatsDays, builtAt: Date): Promise<void> {
    const { sql } = this;
    const month = days.from.slice(0, 7);
    const qr = this.m.connection.createQueryRunner();
    await qr.connect();
    try {
      await inTransaction(qr, sql, async () => {
        await qr.query(`DELETE FROM stats_daily WHERE dim IN (${DIM_LIST}) AND statDay >= ? AND statDay <= ?`, [days.from, days.to]);
        await buildCells(qr, sql, { start: days.start, end: days.end });
        await insertBreakdowns(qr, sql, 'stats_daily', days.from, days.to, builtAt, false);
        await rollUpMonths(qr, sql, 'stats_daily', { from: month, to: month, lastDay: days.monthLastDay }, builtAt);
      });
    } finally {
      await qr.release();
    }
  }

  /**
   * On MySQL/MariaDB the figures are built in a shadow table and swapped in by one atomic RENAME,
   * so readers see the old figures until then and no long transaction holds stats_daily; on
   * SQLite one transaction replaces them.
   */
  async rebuildAll(days: { from: string; to: string }, months: StatsMonths, builtAt: Date): Promise<void> {
    const { sql } = this;
    const { from: fromDay, to: toDay } = days;
    const qr = this.m.connection.createQueryRunner();
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
          await rollUpMonths(qr, sql, SHADOW_TABLE, months, builtAt);
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
          await rollUpMonths(qr, sql, 'stats_daily', months, builtAt);
        });
      }
    } finally {
      await qr.release();
    }
  }
}

export const DAILY_STATS = repositoryToken<DailyStatsRepository>('daily-stats', (m) => new TypeOrmDailyStatsRepository(m));
