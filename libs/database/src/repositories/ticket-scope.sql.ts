import type { TicketScope } from '@hub/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { SqlDialect } from '../stats/sql-dialect';

/**
 * The one SQL predicate for "tickets this actor may see" (issue #21), over tickets aliased `alias`:
 * held on a desk of the scope's units, or assigned (ever, sub-dispatch included) to one of them,
 * or, not yet dispatched, in a region they serve. Every ticket query of a scoped user goes
 * through it (lists, counts, the triage version, search, exports, detail and actions).
 * Parameters are named after `key` so two scopes can share a query.
 */
export function ticketScopeCondition(alias: string, scope: TicketScope, key = 'scope', probe = false): { sql: string; params: Record<string, unknown> } {
  const units = scope.unitIds.length ? scope.unitIds : [-1];
  const assigned = `SELECT 1 FROM assignments ${key}_a WHERE ${key}_a.ticketId = ${alias}.id AND ${key}_a.unitId IN (:...${key}Units)`;
  const parts = [
    // A row's test, not a range to plan: no index range serves an OR with a subquery, and MariaDB took 0.7 ms analysing a district's 332 units as one for each index on deskUnitId.
    `COALESCE(${alias}.deskUnitId, 0) IN (:...${key}Units)`,
    // probe: one index probe per ticket read (a page read in index order, cut after a few rows); MariaDB otherwise reads all of the scope's assignments first.
    probe ? `(${assigned} LIMIT 1) IS NOT NULL` : `EXISTS (${assigned})`,
  ];
  const params: Record<string, unknown> = { [`${key}Units`]: units };
  if (scope.regions.length) {
    parts.push(`(${alias}.dispatchedAt IS NULL AND ${alias}.region IN (:...${key}Regions))`);
    params[`${key}Regions`] = scope.regions;
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** The query limited to the scope's tickets (null scope: unchanged; probe: see ticketScopeCondition). */
export function whereTicketInScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  scope: TicketScope | null,
  key = 'scope',
  probe = false,
): SelectQueryBuilder<T> {
  if (scope === null) return qb;
  const c = ticketScopeCondition(alias, scope, key, probe);
  return qb.andWhere(c.sql, c.params);
}

/**
 * Equality ranges per branch (units): MariaDB estimates a range list of eq_range_index_dive_limit
 * (200) or more from index statistics, which a mostly-NULL deskUnitId makes look like the whole
 * table, and then scans an index instead of reading the ranges.
 */
const RANGES_PER_BRANCH = 100;

/**
 * The ids of the scope's tickets (the same predicate as ticketScopeCondition), as a UNION of one
 * index read per branch: desks, assignments, undispatched in a region. A district's total is then
 * a count of its own index entries (a few hundred thousand at most) rather than a test of each of
 * the installation's tickets.
 *
 * `statuses`: those tickets in these statuses only (an assignment's by the copy of its ticket's
 * status it carries, assignments.ticketStatus). A district's units times the statuses are a
 * thousand equality ranges, which MariaDB would dive into one by one to plan the query (6.6 ms of
 * a district's triage count of 18) before reading them again: the desk and assignment branches
 * instead join the (unit, status) pairs, one JSON parameter, in that order to their index, one
 * lookup a pair and no estimate. The status is picked by number from literals (a JSON string
 * would compare in the JSON table's collation, not necessarily the column's).
 */
export function ticketScopeIdsSql(
  scope: TicketScope,
  statuses: string[] | null,
  sql: Pick<SqlDialect, 'jsonIntPairs' | 'orderedJoin'>,
  key = 'scopeIds',
): { sql: string; params: Record<string, unknown> } {
  const units = scope.unitIds.length ? scope.unitIds : [-1];
  const params: Record<string, unknown> = {};
  const branches: string[] = [];
  if (statuses) {
    const wanted = statuses.length ? statuses : [''];
    wanted.forEach((s, k) => (params[`${key}S${k}`] = s));
    params[`${key}Statuses`] = wanted;
    params[`${key}Pairs`] = JSON.stringify(units.flatMap((u) => wanted.map((_, k) => [u, k])));
    const status = (alias: string) => `CASE ${alias}.b ${wanted.map((_, k) => `WHEN ${k} THEN :${key}S${k}`).join(' ')} END`;
    branches.push(
      `SELECT sd.id AS id FROM ${sql.jsonIntPairs(`:${key}Pairs`)} su ${sql.orderedJoin} tickets sd ON sd.deskUnitId = su.a AND sd.status = ${status('su')}`,
      `SELECT sa.ticketId FROM ${sql.jsonIntPairs(`:${key}Pairs`)} sp ${sql.orderedJoin} assignments sa ON sa.unitId = sp.a AND sa.ticketStatus = ${status('sp')}`,
    );
  } else {
    for (let i = 0; i * RANGES_PER_BRANCH < units.length; i++) {
      const p = `${key}Units${i}`;
      params[p] = units.slice(i * RANGES_PER_BRANCH, (i + 1) * RANGES_PER_BRANCH);
      branches.push(`SELECT sd.id AS id FROM tickets sd WHERE sd.deskUnitId IN (:...${p})`);
      branches.push(`SELECT sa.ticketId FROM assignments sa WHERE sa.unitId IN (:...${p})`);
    }
  }
  if (scope.regions.length) {
    params[`${key}Regions`] = scope.regions;
    branches.push(
      `SELECT sr.id FROM tickets sr WHERE sr.region IN (:...${key}Regions) AND sr.dispatchedAt IS NULL${statuses ? ` AND sr.status IN (:...${key}Statuses)` : ''}`,
    );
  }
  return { sql: branches.join(' UNION '), params };
}
