import type { EntityManager } from 'typeorm';
import { dialectOf, placeholders, SqlDialect } from '../stats/sql-dialect';
import { COUNT_MEASURES, StatsGroupBy } from '../stats/stats-columns';
import { cityWhere, factAggregates, factsSelect, FactsFilter } from '../stats/ticket-facts.sql';
import { rateFactsSum, rateTicketsSelect } from '../stats/rate-facts.sql';
import type { RateFact } from '@hub/domain';
import { repositoryToken } from '../unit-of-work/repository-token';

/** One row of sums: the group key `k` (when grouped) and one column per count measure. */
export type StatsRow = Record<string, unknown> & { k?: unknown };

/** stats_daily rows to sum: the days or months [from, to] of one breakdown. */
export interface StatsRange {
  dim: string;
  from: string;
  to: string;
}

/**
 * What the statistics read: sums of the daily pre-aggregation, the same recomputed from the
 * tickets (the baseline), the live "overdue now", and the names reports print. The aggregation
 * SQL is dialect-specific and benchmarked (`npm run bench:stats`).
 */
export interface StatsRepository {
  sumDaily(ranges: StatsRange[], filter: FactsFilter, groupBy: StatsGroupBy | null): Promise<StatsRow[]>;
  /** Tickets received in [start, end). */
  sumTickets(start: Date, end: Date, filter: FactsFilter, groupBy: StatsGroupBy | null): Promise<StatsRow[]>;
  /** Dispatched tickets received in [start, end) past their reply deadline at `now` and not replied. */
  overdueNow(start: Date, end: Date, now: Date, filter: FactsFilter, groupBy: StatsGroupBy | null): Promise<Array<{ k?: unknown; n: unknown }>>;
  /** Names by id (as strings), for the ids that are whole numbers. */
  namesOf(table: 'units' | 'sources', ids: string[]): Promise<Map<string, string>>;
  sourceIdsNamed(name: string): Promise<number[]>;
  /** Every source's name, in id order. */
  sourceNames(): Promise<string[]>;
  sourceChannels(): Promise<Array<{ name: string; channel: string }>>;
  /** Sums of the configured rates' facts over tickets received in [start, end), in total or per lead unit (`k`). */
  sumRateFacts(start: Date, end: Date, filter: FactsFilter, byUnit: boolean): Promise<StatsRow[]>;
  /** A unit's tickets with any of the `include` facts and none of the `exclude` ones (at most `limit`). */
  rateTickets(start: Date, end: Date, unitId: number, include: RateFact[], exclude: RateFact[], limit: number): Promise<RateMissRow[]>;
}

export interface RateMissRow {
  id: number;
  externalId: string | null;
  subject: string | null;
  receivedAt: Date | string;
  status: string;
}

/** Ticket states in which a unit still owes the reply. */
const OWING_STATUSES = ['dispatched', 'acknowledged', 'returned', 'extension_requested', 'reopened'];

/** The daily pre-aggregation keeps no city: a city breakdown or filter is read from the tickets. */
const DAILY_GROUP_COL: Record<Exclude<StatsGroupBy, 'city'>, string> = {
  unit: 's.unitId',
  category: 's.label',
  region: 's.label',
  source: 's.sourceId',
  channel: 's.channel',
  day: 's.statDay',
};
const FACT_GROUP_COL: Record<StatsGroupBy, string> = {
  unit: 'f.unitId',
  category: 'f.category',
  region: 'f.region',
  source: 'f.sourceId',
  channel: 'f.channel',
  day: 'f.statDay',
  city: 'f.cityUnitId',
};
function ticketGroupCol(sql: SqlDialect, g: StatsGroupBy): string {
  return {
    unit: 'COALESCE(t.leadUnitId, 0)',
    category: `COALESCE(t.category, '')`,
    region: `COALESCE(t.region, '')`,
    source: 't.sourceId',
    channel: 't.channel',
    day: sql.shanghaiDay('t.receivedAt'),
    city: 'COALESCE(t.cityUnitId, 0)',
  }[g];
}

export class TypeOrmStatsRepository implements StatsRepository {
  private readonly sql: SqlDialect;
  constructor(private readonly m: EntityManager) {
    this.sql = dialectOf(m.connection);
  }

  sumTickets(start: Date, end: Date, filter: FactsFilter, g: StatsGroupBy | null): Promise<StatsRow[]> {
    const facts = factsSelect(this.sql, start, end, filter);
    const aggs = factAggregates()
      .map((a) => `${a.sql} AS ${a.measure}`)
      .join(', ');
    return this.m.query(
      `SELECT ${g ? `${FACT_GROUP_COL[g]} AS k, ` : ''}${aggs} FROM (${facts.sql}) f${g ? ` GROUP BY ${FACT_GROUP_COL[g]}` : ''}`,
      facts.params,
    );
  }

  sumDaily(ranges: StatsRange[], q: FactsFilter, g: StatsGroupBy | null): Promise<StatsRow[]> {
    if (g === 'city' || q.cityUnitIds) throw new Error('the daily statistics keep no city: read a city breakdown or filter from the tickets (sumTickets)');
    const where = [`(${ranges.map(() => '(s.dim = ? AND s.statDay >= ? AND s.statDay <= ?)').join(' OR ')})`];
    const params: unknown[] = ranges.flatMap((r) => [r.dim, r.from, r.to]);
    if (q.channel) {
      where.push('s.channel = ?');
      params.push(q.channel);
    }
    if (q.sourceIds) {
      where.push(q.sourceIds.length ? `s.sourceId IN (${placeholders(q.sourceIds.length)})` : '1 = 0');
      params.push(...q.sourceIds);
    }
    if (q.unitIds) {
      where.push(q.unitIds.length ? `s.unitId IN (${placeholders(q.unitIds.length)})` : '1 = 0');
      params.push(...q.unitIds);
    }
    const sums = COUNT_MEASURES.map((m) => `SUM(s.${m}) AS ${m}`).join(', ');
    return this.m.query(
      `SELECT ${g ? `${DAILY_GROUP_COL[g]} AS k, ` : ''}${sums} FROM stats_daily s WHERE ${where.join(' AND ')}${g ? ` GROUP BY ${DAILY_GROUP_COL[g]}` : ''}`,
      params,
    );
  }

  overdueNow(start: Date, end: Date, now: Date, q: FactsFilter, g: StatsGroupBy | null): Promise<Array<{ k?: unknown; n: unknown }>> {
    const { sql } = this;
    const where = [
      `t.status IN (${placeholders(OWING_STATUSES.length)})`,
      `t.disposition = 'dispatched'`,
      't.repliedAt IS NULL',
      't.replyDueAt < ?',
      't.receivedAt >= ?',
      't.receivedAt < ?',
    ];
    const params: unknown[] = [...OWING_STATUSES, sql.time(now), sql.time(start), sql.time(end)];
    if (q.channel) {
      where.push('t.channel = ?');
      params.push(q.channel);
    }
    if (q.sourceIds) {
      where.push(q.sourceIds.length ? `t.sourceId IN (${placeholders(q.sourceIds.length)})` : '1 = 0');
      params.push(...q.sourceIds);
    }
    if (q.unitIds) {
      where.push(q.unitIds.length ? `t.leadUnitId IN (${placeholders(q.unitIds.length)})` : '1 = 0');
      params.push(...q.unitIds);
    }
    if (q.cityUnitIds) {
      const c = cityWhere(q.cityUnitIds);
      where.push(c.sql);
      params.push(...c.params);
    }
    const col = g ? ticketGroupCol(sql, g) : null;
    return this.m.query(
      `SELECT ${col ? `${col} AS k, ` : ''}COUNT(*) AS n FROM tickets t WHERE ${where.join(' AND ')}${col ? ` GROUP BY ${col}` : ''}`,
      params,
    );
  }

  async namesOf(table: 'units' | 'sources', ids: string[]): Promise<Map<string, string>> {
    const nums = ids.map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (!nums.length) return new Map();
    const rows: Array<{ id: number; name: string }> = await this.m.query(`SELECT id, name FROM ${table} WHERE id IN (${placeholders(nums.length)})`, nums);
    return new Map(rows.map((r) => [String(r.id), r.name]));
  }

  async sourceIdsNamed(name: string): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.m.query('SELECT id FROM sources WHERE name = ?', [name]);
    return rows.map((r) => Number(r.id));
  }

  async sourceNames(): Promise<string[]> {
    const all: Array<{ name: string }> = await this.m.query('SELECT name FROM sources ORDER BY id');
    return all.map((s) => s.name);
  }

  sourceChannels(): Promise<Array<{ name: string; channel: string }>> {
    return this.m.query('SELECT name, channel FROM sources');
  }

  sumRateFacts(start: Date, end: Date, filter: FactsFilter, byUnit: boolean): Promise<StatsRow[]> {
    const q = rateFactsSum(this.sql, start, end, filter, byUnit);
    return this.m.query(q.sql, q.params);
  }

  rateTickets(start: Date, end: Date, unitId: number, include: RateFact[], exclude: RateFact[], limit: number): Promise<RateMissRow[]> {
    const q = rateTicketsSelect(this.sql, start, end, unitId, include, exclude, limit);
    return this.m.query(q.sql, q.params);
  }
}

export const STATS = repositoryToken<StatsRepository>('stats', (m) => new TypeOrmStatsRepository(m));
