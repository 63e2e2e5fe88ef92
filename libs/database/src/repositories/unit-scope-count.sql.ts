import type { EntityManager } from 'typeorm';
import type { TicketInboxFilter } from './ticket-inbox.repository';

/**
 * A unit user's 工单查询 (no filter, or only the overdue one) and 超期督办, counted from indexes alone:
 * the tickets given to its units (their assignments' index, each ticket once) and those only held on
 * their desk, each with a passed open deadline when the list asks for one. The scope's predicate
 * tests each of a million tickets, or reads each overdue ticket's row (seconds either way).
 * Null: another list (another filter or view, or a scope with regions), counted the usual way.
 */
export async function unitScopeCount(m: EntityManager, f: TicketInboxFilter): Promise<number | null> {
  const s = f.scope;
  const narrowed = f.statuses || f.category || f.region || f.source || f.from || f.to || f.search;
  if (!s || s.regions.length || narrowed || (f.view && f.view.kind !== 'overdue')) return null;
  const units = s.unitIds.length ? s.unitIds : [-1];
  // 超期督办: a passed deadline of the view's units; the overdue filter: of any unit (the view's is one of them).
  const viewUnits = f.view?.kind === 'overdue' ? f.view.unitIds : null;
  const late = f.view || f.overdue;
  const passed = (alias: string, ticketId: string) =>
    `EXISTS (SELECT 1 FROM deadlines ${alias} WHERE ${alias}.ticketId = ${ticketId} AND ${alias}.status = 'open' AND ${alias}.dueAt < :now${viewUnits ? ` AND ${alias}.unitId IN (:...viewUnits)` : ''})`;
  const params = { units, now: f.now, viewUnits: viewUnits?.length ? viewUnits : [-1] };
  const given = m.createQueryBuilder().select('COUNT(DISTINCT a.ticketId)', 'n').from('assignments', 'a').where('a.unitId IN (:...units)', params);
  const held = m
    .createQueryBuilder()
    .select('COUNT(*)', 'n')
    .from('tickets', 'dt')
    .where('dt.deskUnitId IN (:...units)', params)
    .andWhere('NOT EXISTS (SELECT 1 FROM assignments da WHERE da.ticketId = dt.id AND da.unitId IN (:...units))');
  if (late) {
    given.andWhere(passed('ad', 'a.ticketId'));
    held.andWhere(passed('hd', 'dt.id'));
  }
  const [g, h] = [await given.getRawOne<{ n: number | string }>(), await held.getRawOne<{ n: number | string }>()];
  return Number(g?.n ?? 0) + Number(h?.n ?? 0);
}
