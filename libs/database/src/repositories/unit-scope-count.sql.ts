import type { EntityManager } from 'typeorm';
import type { TicketInboxFilter } from './ticket-inbox.repository';

/**
 * A unit user's 工单查询 with no filter, counted from indexes alone: the tickets given to its units
 * (their assignments' index, each ticket once) and those only held on their desk. The scope's
 * predicate tests each of a million tickets (seconds for the busiest unit's fifth of them).
 * Null: another list (a filter, a view, or a scope with regions), counted the usual way.
 */
export async function unitScopeCount(m: EntityManager, f: TicketInboxFilter): Promise<number | null> {
  const s = f.scope;
  const narrowed = f.view || f.statuses || f.category || f.region || f.source || f.overdue || f.from || f.to || f.search;
  if (!s || s.regions.length || narrowed) return null;
  const units = s.unitIds.length ? s.unitIds : [-1];
  const given = await m
    .createQueryBuilder()
    .select('COUNT(DISTINCT a.ticketId)', 'n')
    .from('assignments', 'a')
    .where('a.unitId IN (:...units)', { units })
    .getRawOne<{ n: number | string }>();
  const held = await m
    .createQueryBuilder()
    .select('COUNT(*)', 'n')
    .from('tickets', 'dt')
    .where('dt.deskUnitId IN (:...units)', { units })
    .andWhere('NOT EXISTS (SELECT 1 FROM assignments da WHERE da.ticketId = dt.id AND da.unitId IN (:...units))')
    .getRawOne<{ n: number | string }>();
  return Number(given?.n ?? 0) + Number(held?.n ?? 0);
}
