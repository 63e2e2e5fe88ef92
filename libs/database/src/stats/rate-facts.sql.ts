import type { RateFact } from '@hub/domain';
import type { SqlDialect } from './sql-dialect';
import { FactsFilter, factsWhere } from './ticket-facts.sql';

/**
 * The facts configured rates are made of (libs/domain RATE_FACTS), one 0/1 expression each over a
 * ticket t: counted straight from the tickets, the assignments and the citizens' survey answers.
 */
export function rateFactFlags(): Record<RateFact, string> {
  const D = `t.disposition = 'dispatched'`;
  const answer = (cond: string) => `EXISTS (SELECT 1 FROM survey_links s WHERE s.ticketId = t.id AND s.answeredAt IS NOT NULL${cond ? ` AND ${cond}` : ''})`;
  return {
    received: '1=1',
    dispatched: D,
    answeredInTime: `${D} AND t.acknowledgedAt IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.ticketId = t.id AND d.stage = 'acknowledge' AND d.status = 'met' AND d.metAt > d.dueAt)`,
    replied: `${D} AND t.repliedAt IS NOT NULL`,
    onTimeCompletion: `${D} AND t.repliedAt IS NOT NULL AND (t.replyDueAt IS NULL OR t.repliedAt <= t.replyDueAt)`,
    closed: `${D} AND t.status = 'closed'`,
    resolvedByUnit: `${D} AND t.repliedAt IS NOT NULL AND t.outcome = 'resolved'`,
    surveyed: 't.rating IS NOT NULL',
    satisfiedInclBasic: `t.rating IN ('满意', '基本满意')`,
    satisfiedOnly: `t.rating = '满意'`,
    surveyAnswered: answer(''),
    contacted: answer(`s.contacted = '是'`),
    resolvedByCitizen: answer(`s.resolved = '是'`),
    citizenSatisfiedInclBasic: answer(`s.rating IN ('满意', '基本满意')`),
    citizenSatisfiedOnly: answer(`s.rating = '满意'`),
    // The first 交办 stood: no lead assignment of the ticket was returned, and there was only one.
    firstDispatchCorrect: `${D} AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.ticketId = t.id AND a.role = 'lead' AND (a.returnedAt IS NOT NULL OR a.status IN ('returned', 'reassigned')))`,
    repeated: `${D} AND EXISTS (SELECT 1 FROM tickets r WHERE r.mergedIntoId = t.id)`,
  };
}

/** Where-clause of the tickets received in [start, end) under a filter (units: the lead unit). */
export function rateFactsWhere(sql: SqlDialect, start: Date, end: Date, filter: FactsFilter = {}): { sql: string; params: unknown[] } {
  return factsWhere(sql, start, end, filter, 't.leadUnitId');
}

/** Sums of every rate fact over the tickets received in [start, end), in total or per lead unit (k). */
export function rateFactsSum(sql: SqlDialect, start: Date, end: Date, filter: FactsFilter, byUnit: boolean): { sql: string; params: unknown[] } {
  const flags = rateFactFlags();
  const w = rateFactsWhere(sql, start, end, filter);
  const sums = Object.entries(flags).map(([name, cond]) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${name}`);
  const k = 'COALESCE(t.leadUnitId, 0)';
  return { sql: `SELECT ${byUnit ? `${k} AS k, ` : ''}${sums.join(', ')} FROM tickets t WHERE ${w.sql}${byUnit ? ` GROUP BY ${k}` : ''}`, params: w.params };
}

/**
 * Tickets of one lead unit with any of the `include` facts and none of the `exclude` ones: the
 * tickets behind a low figure (in the denominator, not the numerator; or, lower being better, in the numerator).
 */
export function rateTicketsSelect(
  sql: SqlDialect,
  start: Date,
  end: Date,
  unitId: number,
  include: RateFact[],
  exclude: RateFact[],
  limit: number,
): { sql: string; params: unknown[] } {
  const flags = rateFactFlags();
  const w = rateFactsWhere(sql, start, end, { unitIds: [unitId] });
  const any = (facts: RateFact[]) => `(${facts.map((f) => `(${flags[f]})`).join(' OR ')})`;
  return {
    sql: `SELECT t.id AS id, t.externalId AS externalId, t.subject AS subject, t.receivedAt AS receivedAt, t.status AS status FROM tickets t
      WHERE ${w.sql} AND ${any(include)}${exclude.length ? ` AND NOT ${any(exclude)}` : ''} ORDER BY t.receivedAt, t.id LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: w.params,
  };
}
