import type { Classification, MatterItem } from '@hub/classification';
import { REQUESTERS, RequesterEntity, TicketEntity, UnitOfWork } from '@hub/database';

/** A ticket as repeat and cluster detection compare it: who, what, where, when. */
export async function matterOf(uow: UnitOfWork, t: TicketEntity, c?: Classification): Promise<MatterItem> {
  const r = t.requesterId ? await uow.read(REQUESTERS).findById(t.requesterId) : null;
  return matter(t, r, c);
}

/**
 * Several tickets as `matterOf` gives them, their requesters read in one query (those not in
 * `known` already, which then keeps them); `c` is the classification of `classified`.
 */
export async function mattersOf(
  uow: UnitOfWork,
  tickets: TicketEntity[],
  classified?: { id: number; c: Classification },
  known: Map<number, RequesterEntity> = new Map(),
): Promise<MatterItem[]> {
  const ids = [...new Set(tickets.map((t) => t.requesterId).filter((id): id is number => id !== null && !known.has(id)))];
  const requesters = known;
  for (const r of ids.length ? await uow.read(REQUESTERS).findByIds(ids) : []) requesters.set(r.id, r);
  return tickets.map((t) => matter(t, (t.requesterId && requesters.get(t.requesterId)) || null, t.id === classified?.id ? classified.c : undefined));
}

/** A ticket and its requester as repeat and cluster detection compare them. */
export function matter(t: TicketEntity, r: RequesterEntity | null, c?: Classification): MatterItem {
  return {
    id: t.id,
    text: t.text,
    requester: r ? { phone: r.phone, email: r.email, idNumber: r.idNumber } : null,
    region: t.region,
    place: c?.why.place?.name ?? (t.classification?.why as { place?: { name?: string } } | undefined)?.place?.name ?? null,
    category: t.category,
    at: t.receivedAt,
  };
}
