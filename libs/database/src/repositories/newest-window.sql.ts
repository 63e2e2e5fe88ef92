import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { TicketEntity } from '../entities';

/** How many of the newest tickets a newest-first page is first looked for among. */
export const NEWEST_WINDOW = 5000;

/**
 * A newest-first list's page looked for among the newest tickets first: the last of them (by
 * received time, then id) read from the received index, and the list's query limited to those
 * after it. A list of tickets scattered over years (超期督办, a unit's) then reads a few thousand
 * index entries instead of every match's row to sort them; when the window holds fewer than the
 * page needs, the caller reads the whole list. Null: the page is too deep for the window.
 */
export async function newestWindow(m: EntityManager, places: number): Promise<{ receivedAt: unknown; id: number } | null> {
  if (places > NEWEST_WINDOW / 5) return null;
  const r = await m
    .createQueryBuilder()
    .select('w.receivedAt', 'receivedAt')
    .addSelect('w.id', 'id')
    .from('tickets', 'w')
    .orderBy('w.receivedAt', 'DESC')
    .addOrderBy('w.id', 'DESC')
    .offset(NEWEST_WINDOW - 1)
    .limit(1)
    .getRawOne<{ receivedAt: unknown; id: number | string }>();
  return r ? { receivedAt: r.receivedAt, id: Number(r.id) } : null;
}

/** The query limited to the window's tickets (those received after its last, or with it and not before it). */
export function inWindow(qb: SelectQueryBuilder<TicketEntity>, w: { receivedAt: unknown; id: number }): SelectQueryBuilder<TicketEntity> {
  return qb.andWhere('(t.receivedAt > :winAt OR (t.receivedAt = :winAt AND t.id >= :winId))', { winAt: w.receivedAt, winId: w.id });
}
