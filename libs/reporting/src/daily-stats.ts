import type { DataSource } from 'typeorm';
import { COUNT_MEASURES } from './figures';
import { addDays, shanghaiDayOf, shanghaiDayStart } from './period';
import { dialectOf } from './sql-dialect';
import { DAILY_DIMS, factAggregates, factsSelect } from './ticket-facts';

/** A change this long before a day's build may have committed after it: the day is built again. */
const SAFETY_MARGIN_MS = 30_000;
/** Days rebuilt per statement batch: bounds the temporary facts table. */
const CHUNK_DAYS = 31;
/** The breakdowns, spelled for `dim IN (…)` so deletes use the (dim, statDay) index. */
const DIM_LIST = Object.keys(DAILY_DIMS).map((d) => `'${d}'`).join(', ');

export interface RefreshResult {
  /** Days rebuilt. */
  days: number;
  /** Whether everything was rebuilt (first run). */
  full: boolean;
  ms: number;
}

/**
 * Rebuilds the daily statistics of the days [fromDay, toDay] from the tickets: one temporary
 * facts table per chunk, then one INSERT…SELECT per breakdown. Each chunk is one transaction, so
 * readers see either the old or the new figures of a day, never half.
 */
export async function rebuildDailyStatsRange(ds: DataSource, fromDay: string, toDay: string, at?: Date): Promise<number> {
  const sql = dialectOf(ds);
  const builtAt = at ?? (await databaseNow(ds));
  let days = 0;
  for (let from = fromDay; from <= toDay; from = addDays(from, CHUNK_DAYS)) {
    const to = addDays(from, CHUNK_DAYS - 1) < toDay ? addDays(from, CHUNK_DAYS - 1) : toDay;
    const facts = factsSelect(sql, shanghaiDayStart(from), shanghaiDayStart(addDays(to, 1)));
    const qr = ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(sql.dropTempTable('stats_facts'));
      // READ COMMITTED: reading the tickets must not lock them against the desk's writes.
      await qr.startTransaction(sql.kind === 'mysql' ? 'READ COMMITTED' : undefined);
      try {
        await qr.query(`DELETE FROM stats_daily WHERE dim IN (${DIM_LIST}) AND statDay >= ? AND statDay <= ?`, [from, to]);
        await qr.query(sql.createTempTableAs('stats_facts', facts.sql), facts.params);
        const aggs = factAggregates();
        const cols = ['dim', 'statDay', 'channel', 'sourceId', 'unitId', 'label', 'builtAt', ...COUNT_MEASURES];
        for (const [dim, key] of Object.entries(DAILY_DIMS)) {
          await qr.query(
            `INSERT INTO stats_daily (${cols.join(', ')})
             SELECT '${dim}', f.statDay, f.channel, f.sourceId, ${key.unit}, ${key.label}, ?, ${aggs.map((a) => a.sql).join(', ')}
             FROM stats_facts f GROUP BY ${['f.statDay', 'f.channel', 'f.sourceId', key.unit, key.label].filter((c) => c.startsWith('f.')).join(', ')}`,
            [sql.time(builtAt)],
          );
        }
        await qr.commitTransaction();
      } catch (e) {
        await qr.rollbackTransaction();
        throw e;
      } finally {
        await qr.query(sql.dropTempTable('stats_facts'));
      }
    } finally {
      await qr.release();
    }
    days += Math.round((shanghaiDayStart(addDays(to, 1)).getTime() - shanghaiDayStart(from).getTime()) / 86_400_000);
  }
  return days;
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
  const from = range.from ?? shanghaiDayOf(lo);
  const to = range.to ?? shanghaiDayOf(hi);
  if (!range.from && !range.to) await ds.query(`DELETE FROM stats_daily WHERE dim IN (${DIM_LIST}) AND (statDay < ? OR statDay > ?)`, [from, to]);
  const days = await rebuildDailyStatsRange(ds, from, to, builtAt ?? (await databaseNow(ds)));
  return { days, full: !range.from && !range.to, ms: Date.now() - t0 };
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
  const [w] = await ds.query('SELECT MAX(builtAt) AS at FROM stats_daily');
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
