import { Classification, findRepeat, RepeatMatch } from '@hub/classification';
import { REQUESTERS, TicketEntity, TICKETS, UnitOfWork } from '@hub/database';
import { matterOf, mattersOf } from './matter-of';

export const REPEAT_WINDOW_DAYS = 30;

/** 同人+同事: an open ticket of the same requester about the same matter within the window. */
export async function findOpenRepeat(
  uow: UnitOfWork,
  t: TicketEntity,
  c: Classification,
): Promise<{ id: number; similarity: number; basis: RepeatMatch['basis'] } | null> {
  if (!t.requesterId) return null;
  const r = await uow.read(REQUESTERS).findById(t.requesterId);
  if (!r || !(r.phone || r.email || r.idNumber)) return null;
  const same = await uow.read(REQUESTERS).listIdsSharingIdentity(r);
  const since = new Date(t.receivedAt.getTime() - REPEAT_WINDOW_DAYS * 86400_000);
  const candidates = await uow.read(TICKETS).listOpenOfRequesters(same, since, 50);
  // One not yet routed counts when it came first: two calls routed at the same moment (another
  // job, another worker) would otherwise both be dispatched; the later always joins the earlier.
  const earlier = (x: TicketEntity) => x.receivedAt < t.receivedAt || (x.receivedAt.getTime() === t.receivedAt.getTime() && x.id < t.id);
  const others = candidates.filter((x) => x.id !== t.id && (x.status !== 'received' || earlier(x)));
  if (!others.length) return null;
  const match = findRepeat(await matterOf(uow, t, c), await mattersOf(uow, others), { windowDays: REPEAT_WINDOW_DAYS });
  return match ? { id: Number(match.ticketId), similarity: match.similarity, basis: match.basis } : null;
}
