import type { TicketScope } from '@hub/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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
    `${alias}.deskUnitId IN (:...${key}Units)`,
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
 * Equality ranges per branch (units, times statuses in a status view): MariaDB estimates a range
 * list of eq_range_index_dive_limit (200) or more from index statistics, which a mostly-NULL
 * deskUnitId makes look like the whole table, and then scans an index instead of reading the
 * ranges, or reads the ranges of an index that does not hold the status.
 */
const RANGES_PER_BRANCH = 100;

/**
 * The ids of the scope's tickets (the same predicate as ticketScopeCondition), as a UNION of one
 * index range per branch: desks, assignments, undispatched in a region. A district's total is then
 * a count of its own index entries (a few hundred thousand at most) rather than a test of each of
 * the installation's tickets. `statuses`: those tickets in these statuses only (an assignment's
 * by the copy of its ticket's status it carries, assignments.ticketStatus).
 */
export function ticketScopeIdsSql(scope: TicketScope, statuses: string[] | null, key = 'scopeIds'): { sql: string; params: Record<string, unknown> } {
  const units = scope.unitIds.length ? scope.unitIds : [-1];
  const params: Record<string, unknown> = {};
  const branches: string[] = [];
  const status = (alias: string) => (statuses ? ` AND ${alias}.status IN (:...${key}Statuses)` : '');
  if (statuses) params[`${key}Statuses`] = statuses.length ? statuses : [''];
  const perBranch = Math.max(1, Math.floor(RANGES_PER_BRANCH / Math.max(1, statuses?.length ?? 1)));
  for (let i = 0; i * perBranch < units.length; i++) {
    const p = `${key}Units${i}`;
    params[p] = units.slice(i * perBranch, (i + 1) * perBranch);
    branches.push(`SELECT sd.id AS id FROM tickets sd WHERE sd.deskUnitId IN (:...${p})${status('sd')}`);
    branches.push(`SELECT sa.ticketId FROM assignments sa WHERE sa.unitId IN (:...${p})${statuses ? ` AND sa.ticketStatus IN (:...${key}Statuses)` : ''}`);
  }
  if (scope.regions.length) {
    params[`${key}Regions`] = scope.regions;
    branches.push(`SELECT sr.id FROM tickets sr WHERE sr.region IN (:...${key}Regions) AND sr.dispatchedAt IS NULL${status('sr')}`);
  }
  return { sql: branches.join(' UNION '), params };
}
