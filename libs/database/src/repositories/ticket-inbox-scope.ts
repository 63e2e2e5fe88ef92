import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { TicketInboxFilter } from './ticket-inbox.repository';
import { dialectOf } from '../stats/sql-dialect';
import { ticketScopeIdsSql } from './ticket-scope.sql';

/**
 * A scoped list narrowed by statuses at most (its triage view, say), or its 超期督办 view: its
 * tickets' ids (`scoped.id`) as ticketScopeIdsSql reads them, one index read per branch, the
 * overdue ones then probed for an open deadline past due. Null for any other filter (and
 * unscoped), which the list's own query counts.
 */
export function scopedList(m: EntityManager, f: TicketInboxFilter): SelectQueryBuilder<object> | null {
  const v = f.view;
  const narrowed = f.category || f.region || f.source || f.overdue || f.from || f.to || f.search;
  if (f.scope === null || narrowed || (v && v.kind !== 'statuses' && v.kind !== 'overdue')) return null;
  const viewed = v?.kind === 'statuses' ? v.statuses : null;
  const statuses = viewed && f.statuses ? viewed.filter((s) => f.statuses!.includes(s)) : (viewed ?? f.statuses ?? null);
  const ids = ticketScopeIdsSql(f.scope, statuses, dialectOf(m.connection));
  const qb = m.createQueryBuilder().from(`(${ids.sql})`, 'scoped').setParameters(ids.params);
  if (v?.kind === 'overdue') {
    const units = v.unitIds ? 'AND vd.unitId IN (:...viewUnits)' : '';
    qb.where(`EXISTS (SELECT 1 FROM deadlines vd WHERE vd.ticketId = scoped.id AND vd.status = 'open' AND vd.dueAt < :now ${units})`, {
      now: f.now,
      viewUnits: v.unitIds?.length ? v.unitIds : [-1],
    });
  }
  return qb;
}

/** How many tickets scopedList selects. */
export async function countScopedList(qb: SelectQueryBuilder<object>): Promise<number> {
  return Number((await qb.select('COUNT(*)', 'n').getRawOne<{ n: number | string }>())?.n ?? 0);
}
