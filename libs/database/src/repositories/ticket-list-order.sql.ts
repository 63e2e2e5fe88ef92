import type { SelectQueryBuilder } from 'typeorm';
import type { TicketEntity } from '../entities';
import type { TicketInboxFilter } from './ticket-inbox.repository';

/**
 * The list's order, ties broken newest first. A deadline key reads the earliest running (or, for
 * lateness, passed) deadline of the view's units; a ticket without one is put last with a
 * sentinel time, which both dialects compare with their datetime columns.
 */
export function orderedTicketList(qb: SelectQueryBuilder<TicketEntity>, f: TicketInboxFilter): SelectQueryBuilder<TicketEntity> {
  const s = f.sort ?? { key: 'received', desc: true };
  const dir = s.desc ? 'DESC' : 'ASC';
  const v = f.view;
  const unitIds = v && 'unitIds' in v ? v.unitIds : null;
  const units = unitIds ? 'AND sd.unitId IN (:...sortUnits)' : '';
  if (unitIds) qb.setParameter('sortUnits', unitIds.length ? unitIds : [-1]);
  const last = (earliestFirst: boolean) => (earliestFirst ? "'9999-12-31 23:59:59'" : "'1000-01-01 00:00:00'");
  switch (s.key) {
    case 'due':
      qb.addSelect(
        `COALESCE((SELECT MIN(sd.dueAt) FROM deadlines sd WHERE sd.ticketId = t.id AND sd.status = 'open' AND sd.pausedAt IS NULL ${units}), ${last(!s.desc)})`,
        'sort_key',
      ).orderBy('sort_key', dir);
      break;
    case 'lateness':
      // The most late has the earliest passed deadline: lateness ascending is that time descending.
      qb.addSelect(
        `COALESCE((SELECT MIN(sd.dueAt) FROM deadlines sd WHERE sd.ticketId = t.id AND sd.status = 'open' AND sd.dueAt < :sortNow ${units}), ${last(s.desc)})`,
        'sort_key',
      )
        .setParameter('sortNow', f.now)
        .orderBy('sort_key', s.desc ? 'ASC' : 'DESC');
      break;
    case 'unit':
      qb.addSelect("COALESCE((SELECT su.name FROM units su WHERE su.id = t.leadUnitId), '')", 'sort_key').orderBy('sort_key', dir);
      break;
    case 'number':
      qb.orderBy('t.id', dir);
      break;
    default:
      qb.orderBy(`t.${{ received: 'receivedAt', category: 'category', region: 'region', status: 'status', urgency: 'urgency' }[s.key]}`, dir);
  }
  return s.key === 'received' ? qb.addOrderBy('t.id', dir) : s.key === 'number' ? qb : qb.addOrderBy('t.receivedAt', 'DESC').addOrderBy('t.id', 'DESC');
}
