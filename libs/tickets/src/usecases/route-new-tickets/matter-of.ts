import type { Classification, MatterItem } from '@hub/classification';
import { REQUESTERS, TicketEntity, UnitOfWork } from '@hub/database';

/** A ticket as repeat and cluster detection compare it: who, what, where, when. */
export async function matterOf(uow: UnitOfWork, t: TicketEntity, c?: Classification): Promise<MatterItem> {
  const r = t.requesterId ? await uow.read(REQUESTERS).findById(t.requesterId) : null;
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
