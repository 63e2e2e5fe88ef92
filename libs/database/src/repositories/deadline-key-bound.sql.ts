import type { EntityManager } from 'typeorm';
import type { TicketInboxFilter } from './ticket-inbox.repository';

/**
 * A list sorted by a deadline key earliest first (`due`, `-lateness`) whose tickets are just those
 * with the key (工单查询 and 超期督办 with no other filter, a unit user's too): the key at the page's last place, read
 * from the open deadlines' index alone (one MIN per ticket, no ticket row). Every ticket up to that
 * place has a deadline due by then, so asking for one reads a page's worth of tickets instead of
 * every one with the key; the caller reads the page again without it when it comes back short.
 * Null: another list, or there are not that many.
 */
export async function deadlineKeyBound(m: EntityManager, f: TicketInboxFilter, places: number): Promise<unknown> {
  const s = f.sort!;
  const narrowed = f.scope?.regions.length || f.statuses || f.category || f.region || f.source || f.from || f.to || f.search;
  const whole = s.key === 'due' ? !s.desc && !f.view && !f.overdue : s.desc && (!f.view || f.view.kind === 'overdue');
  if (narrowed || !whole) return null;
  const units = f.view?.kind === 'overdue' ? f.view.unitIds : null;
  const qb = m.createQueryBuilder().select('MIN(bd.dueAt)', 'k').from('deadlines', 'bd').where("bd.status = 'open'");
  if (s.key === 'due') qb.andWhere('bd.pausedAt IS NULL');
  else qb.andWhere('bd.dueAt < :now', { now: f.now });
  if (units) qb.andWhere('bd.unitId IN (:...units)', { units: units.length ? units : [-1] });
  // A unit user's: among the tickets given to its units (some of its list: the key found there is at or after the list's own).
  if (f.scope)
    qb.andWhere('EXISTS (SELECT 1 FROM assignments ba WHERE ba.ticketId = bd.ticketId AND ba.unitId IN (:...scopeUnits))', {
      scopeUnits: f.scope.unitIds.length ? f.scope.unitIds : [-1],
    });
  const r = await qb
    .groupBy('bd.ticketId')
    .orderBy('k', 'ASC')
    .offset(places - 1)
    .limit(1)
    .getRawOne<{ k: unknown }>();
  return r?.k ?? null;
}
