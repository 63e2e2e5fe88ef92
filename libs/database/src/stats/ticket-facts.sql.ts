import { CELL_KEYS, COUNT_MEASURES, CountMeasure, HANDLING_BUCKET_HOURS } from './stats-columns';
import { placeholders, SqlDialect } from './sql-dialect';

/** Which tickets a figure covers, besides the period. */
export interface FactsFilter {
  channel?: string | null;
  sourceIds?: number[] | null;
  /** Scope to these units (a unit user's): tickets they lead, returns they made. */
  unitIds?: number[] | null;
  /**
   * Tickets of these cities (their units, cities.yaml); 0 stands for the installation's own desk
   * (no city). Read from the tickets: the daily pre-aggregation has no city (queryStats goes raw).
   */
  cityUnitIds?: number[] | null;
}

/** The where-clause part of a city filter over tickets t (0: no city), with its parameters. */
export function cityWhere(cityUnitIds: number[]): { sql: string; params: unknown[] } {
  const ids = cityUnitIds.filter((id) => id > 0);
  const parts = [...(ids.length ? [`t.cityUnitId IN (${placeholders(ids.length)})`] : []), ...(cityUnitIds.includes(0) ? ['t.cityUnitId IS NULL'] : [])];
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params: ids };
}

/** Where-clause of the tickets received in [start, end) under a filter, units matched on `unitCol`. */
export function factsWhere(sql: SqlDialect, start: Date, end: Date, filter: FactsFilter, unitCol: string): { sql: string; params: unknown[] } {
  const parts = ['t.receivedAt >= ?', 't.receivedAt < ?'];
  const params: unknown[] = [sql.time(start), sql.time(end)];
  if (filter.channel) {
    parts.push('t.channel = ?');
    params.push(filter.channel);
  }
  if (filter.sourceIds) {
    parts.push(filter.sourceIds.length ? `t.sourceId IN (${placeholders(filter.sourceIds.length)})` : '1 = 0');
    params.push(...filter.sourceIds);
  }
  if (filter.unitIds) {
    parts.push(filter.unitIds.length ? `${unitCol} IN (${placeholders(filter.unitIds.length)})` : '1 = 0');
    params.push(...filter.unitIds);
  }
  if (filter.cityUnitIds) {
    const c = cityWhere(filter.cityUnitIds);
    parts.push(c.sql);
    params.push(...c.params);
  }
  return { sql: parts.join(' AND '), params };
}

/** Per-ticket 0/1 flags (and the handling time `hs`), one expression each, over tickets t. */
function ticketFlags(sql: SqlDialect): Record<string, string> {
  const D = `t.disposition = 'dispatched'`;
  const when = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
  const hs = sql.seconds('t.dispatchedAt', 't.repliedAt');
  return {
    received: '1',
    directAnswer: when(`t.disposition = 'direct_answer'`),
    serviceProvided: when(`t.disposition = 'service_provided'`),
    dispatched: when(D),
    invalid: when(`t.disposition = 'invalid'`),
    merged: when(`t.disposition = 'merged'`),
    pending: when('t.disposition IS NULL'),
    acknowledged: when(`${D} AND t.acknowledgedAt IS NOT NULL`),
    // Acknowledged, and no acknowledge deadline of it was met late (no limit set counts as in time).
    acknowledgedOnTime: when(
      `${D} AND t.acknowledgedAt IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.ticketId = t.id AND d.stage = 'acknowledge' AND d.status = 'met' AND d.metAt > d.dueAt)`,
    ),
    replied: when(`${D} AND t.repliedAt IS NOT NULL`),
    repliedOnTime: when(`${D} AND t.repliedAt IS NOT NULL AND (t.replyDueAt IS NULL OR t.repliedAt <= t.replyDueAt)`),
    repliedLate: when(`${D} AND t.repliedAt IS NOT NULL AND t.repliedAt > t.replyDueAt`),
    closed: when(`${D} AND t.status = 'closed'`),
    resolved: when(`${D} AND t.repliedAt IS NOT NULL AND t.outcome = 'resolved'`),
    surveyed: when(`t.rating IS NOT NULL`),
    satisfied: when(`t.rating = '满意'`),
    basicallySatisfied: when(`t.rating = '基本满意'`),
    unsatisfied: when(`t.rating = '不满意'`),
    extended: when('t.extensionCount > 0'),
    extensions: 't.extensionCount',
    reopened: 't.reopenCount',
    returns: '0',
    collective: when('t.clusterId IS NOT NULL AND EXISTS (SELECT 1 FROM clusters c WHERE c.id = t.clusterId AND c.flaggedAt IS NOT NULL)'),
    hs: `CASE WHEN ${D} AND t.repliedAt IS NOT NULL AND t.dispatchedAt IS NOT NULL THEN (CASE WHEN ${hs} < 0 THEN 0 ELSE ${hs} END) ELSE NULL END`,
  };
}

/**
 * One row per ticket received in [start, end) and one per return a unit made on such a ticket
 * (attributed to the returning unit): the facts every figure is summed from, in both the daily
 * pre-aggregation and the raw baseline.
 */
export function factsSelect(sql: SqlDialect, start: Date, end: Date, filter: FactsFilter = {}): { sql: string; params: unknown[] } {
  const flags = ticketFlags(sql);
  const names = Object.keys(flags);
  const dims = `${sql.shanghaiDay('t.receivedAt')} AS statDay, t.channel AS channel, t.sourceId AS sourceId, COALESCE(t.cityUnitId, 0) AS cityUnitId`;
  const attrs = `COALESCE(t.category, '') AS category, COALESCE(t.region, '') AS region`;
  const where = (unitCol: string) => factsWhere(sql, start, end, filter, unitCol);
  const w1 = where('t.leadUnitId');
  const w2 = where('a.unitId');
  const ticketRows = `SELECT ${dims}, COALESCE(t.leadUnitId, 0) AS unitId, ${attrs}, ${names.map((n) => `${flags[n]} AS ${n}`).join(', ')}
    FROM tickets t WHERE ${w1.sql}`;
  // From the period's tickets to their assignments, never a scan of all assignments.
  const returnRows = `SELECT ${dims}, a.unitId AS unitId, ${attrs}, ${names.map((n) => `${n === 'returns' ? '1' : n === 'hs' ? 'NULL' : '0'} AS ${n}`).join(', ')}
    FROM tickets t ${sql.orderedJoin} assignments a ON a.ticketId = t.id WHERE a.returnedAt IS NOT NULL AND ${w2.sql}`;
  return { sql: `${ticketRows} UNION ALL ${returnRows}`, params: [...w1.params, ...w2.params] };
}

/**
 * SUM expressions turning facts into the additive counts, in COUNT_MEASURES order. `fact` spells
 * a fact (a flag or `hs`): by default a column of the facts alias f.
 */
export function factAggregates(fact: (name: string) => string = (n) => `f.${n}`): Array<{ measure: CountMeasure; sql: string }> {
  const hs = fact('hs');
  return COUNT_MEASURES.map((m) => {
    if (m === 'handled') return { measure: m, sql: `SUM(CASE WHEN ${hs} IS NULL THEN 0 ELSE 1 END)` };
    if (m === 'handlingSeconds') return { measure: m, sql: `SUM(COALESCE(${hs}, 0))` };
    const bucket = /^h(\d+)$/.exec(m);
    if (bucket) {
      const i = Number(bucket[1]);
      const lo = i === 0 ? 0 : HANDLING_BUCKET_HOURS[i - 1] * 3600;
      const hi = HANDLING_BUCKET_HOURS[i];
      const cond = Number.isFinite(hi) ? `${hs} >= ${lo} AND ${hs} < ${hi * 3600}` : `${hs} >= ${lo}`;
      return { measure: m, sql: `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)` };
    }
    return { measure: m, sql: `SUM(${fact(m)})` };
  });
}

/**
 * The facts summed per cell (day, channel, source, unit, category, region) straight from the
 * tickets received in [start, end) (all tickets without a period), in one pass and without a
 * per-ticket intermediate: one statement for the tickets, one for the returns. The same cell may
 * come from both; whoever reads the cells sums them again. `hint` goes after SELECT (a planner hint).
 */
export function cellSelects(sql: SqlDialect, period: { start: Date; end: Date } | null, hint = ''): Array<{ sql: string; params: unknown[] }> {
  const flags = ticketFlags(sql);
  const where = period ? 't.receivedAt >= ? AND t.receivedAt < ?' : '1 = 1';
  const params = period ? [sql.time(period.start), sql.time(period.end)] : [];
  const keys = (unit: string) => [sql.shanghaiDay('t.receivedAt'), 't.channel', 't.sourceId', unit, `COALESCE(t.category, '')`, `COALESCE(t.region, '')`];
  const select = (unit: string, fact: (name: string) => string, from: string) => {
    const k = keys(unit);
    const aggs = factAggregates(fact).map((a) => `${a.sql} AS ${a.measure}`);
    return `SELECT ${hint}${k.map((e, i) => `${e} AS ${CELL_KEYS[i]}`).join(', ')}, ${aggs.join(', ')} FROM ${from} GROUP BY ${k.join(', ')}`;
  };
  const tickets = select('COALESCE(t.leadUnitId, 0)', (n) => `(${flags[n]})`, `tickets t WHERE ${where}`);
  // A period: from its tickets to their assignments; everything: from the (few) returns to their tickets.
  const returns = select(
    'a.unitId',
    (n) => (n === 'returns' ? '1' : n === 'hs' ? 'NULL' : '0'),
    period
      ? `tickets t ${sql.orderedJoin} assignments a ON a.ticketId = t.id WHERE a.returnedAt IS NOT NULL AND ${where}`
      : 'assignments a JOIN tickets t ON t.id = a.ticketId WHERE a.returnedAt IS NOT NULL',
  );
  return [
    { sql: tickets, params },
    { sql: returns, params },
  ];
}
