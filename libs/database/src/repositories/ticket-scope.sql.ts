import type { TicketScope } from '@hub/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The one SQL predicate for "tickets this actor may see" (issue #21), over tickets aliased `alias`:
 * held on a desk of the scope's units, or assigned (ever, sub-dispatch included) to one of them,
 * or, not yet dispatched, in a region they serve. Every ticket query of a scoped user goes
 * through it (lists, counts, the triage version, search, exports, detail and actions).
 * Parameters are named after `key` so two scopes can share a query.
 */
export function ticketScopeCondition(alias: string, scope: TicketScope, key = 'scope'): { sql: string; params: Record<string, unknown> } {
  const units = scope.unitIds.length ? scope.unitIds : [-1];
  const parts = [
    `${alias}.deskUnitId IN (:...${key}Units)`,
    `EXISTS (SELECT 1 FROM assignments ${key}_a WHERE ${key}_a.ticketId = ${alias}.id AND ${key}_a.unitId IN (:...${key}Units))`,
  ];
  const params: Record<string, unknown> = { [`${key}Units`]: units };
  if (scope.regions.length) {
    parts.push(`(${alias}.dispatchedAt IS NULL AND ${alias}.region IN (:...${key}Regions))`);
    params[`${key}Regions`] = scope.regions;
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** The query limited to the scope's tickets (null scope: unchanged). */
export function whereTicketInScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  scope: TicketScope | null,
  key = 'scope',
): SelectQueryBuilder<T> {
  if (scope === null) return qb;
  const c = ticketScopeCondition(alias, scope, key);
  return qb.andWhere(c.sql, c.params);
}
