import { Classification, findRepeat, RepeatMatch } from '@hub/classification';
import { REQUESTERS, RequesterEntity, TicketEntity, TICKETS, UnitOfWork } from '@hub/database';
import { matter, matterOf, mattersOf } from './matter-of';

export const REPEAT_WINDOW_DAYS = 30;
/** Open tickets of a requester compared with a new one, newest first. */
const CANDIDATES = 50;

export type OpenRepeat = { id: number; similarity: number; basis: RepeatMatch['basis'] };
type Identity = Pick<RequesterEntity, 'phone' | 'email' | 'idNumber'>;

const since = (t: TicketEntity) => new Date(t.receivedAt.getTime() - REPEAT_WINDOW_DAYS * 86400_000);
const hasIdentity = (r: Identity | null): r is RequesterEntity => Boolean(r && (r.phone || r.email || r.idNumber));

/**
 * One not yet routed counts when it came first: two calls routed at the same moment (another job,
 * another worker) would otherwise both be dispatched; the later always joins the earlier.
 */
function comparable(t: TicketEntity, candidates: TicketEntity[]): TicketEntity[] {
  const earlier = (x: TicketEntity) => x.receivedAt < t.receivedAt || (x.receivedAt.getTime() === t.receivedAt.getTime() && x.id < t.id);
  return candidates.filter((x) => x.id !== t.id && (x.status !== 'received' || earlier(x)));
}

const toRepeat = (match: ReturnType<typeof findRepeat>): OpenRepeat | null =>
  match ? { id: Number(match.ticketId), similarity: match.similarity, basis: match.basis } : null;

/** 同人+同事: an open ticket of the same requester about the same matter within the window. */
export async function findOpenRepeat(uow: UnitOfWork, t: TicketEntity, c: Classification): Promise<OpenRepeat | null> {
  if (!t.requesterId) return null;
  const r = await uow.read(REQUESTERS).findById(t.requesterId);
  if (!hasIdentity(r)) return null;
  const same = await uow.read(REQUESTERS).listIdsSharingIdentity(r);
  const others = comparable(t, await uow.read(TICKETS).listOpenOfRequesters(same, since(t), CANDIDATES));
  if (!others.length) return null;
  return toRepeat(findRepeat(await matterOf(uow, t, c), await mattersOf(uow, others), { windowDays: REPEAT_WINDOW_DAYS }));
}

/**
 * `findOpenRepeat` for a job's tickets at once, their requesters (`known`) read by the caller, in
 * three queries: everyone sharing an identity with them, the open tickets of all of those, and
 * those tickets' requesters.
 * `routed` holds the job's tickets as routed so far (classified in memory, not yet written): a
 * candidate among them is compared as it now is, as it would be had it been routed on its own
 * before. Null for a ticket whose candidates the shared read may have cut short: ask
 * `findOpenRepeat` for that one.
 */
export async function findOpenRepeats(
  uow: UnitOfWork,
  items: Array<{ t: TicketEntity; c: Classification }>,
  routed: Map<number, TicketEntity>,
  known: Map<number, RequesterEntity>,
): Promise<Map<number, OpenRepeat | null | undefined>> {
  const out = new Map<number, OpenRepeat | null | undefined>(items.map(({ t }) => [t.id, null]));
  const requesters = new Map(known);
  const asked = items.filter(({ t }) => hasIdentity(requesters.get(t.requesterId ?? -1) ?? null));
  if (!asked.length) return out;
  const sharing = await uow.read(REQUESTERS).listSharingAnyIdentity(asked.map(({ t }) => requesters.get(t.requesterId as number) as RequesterEntity));
  const earliest = new Date(Math.min(...asked.map(({ t }) => since(t).getTime())));
  const limit = CANDIDATES * asked.length;
  const open = await uow.read(TICKETS).listOpenOfRequesters([...new Set(sharing.map((s) => s.id))], earliest, limit);
  const full = open.length >= limit;
  const candidateRequesters = [...new Set(open.map((x) => x.requesterId).filter((id): id is number => id != null && !requesters.has(id)))];
  for (const r of await uow.read(REQUESTERS).findByIds(candidateRequesters)) requesters.set(r.id, r);
  for (const { t, c } of asked) {
    if (full) {
      out.set(t.id, undefined);
      continue;
    }
    const r = requesters.get(t.requesterId as number) as RequesterEntity;
    const same = new Set(
      sharing.filter((s) => (r.phone && s.phone === r.phone) || (r.email && s.email === r.email) || (r.idNumber && s.idNumber === r.idNumber)).map((s) => s.id),
    );
    const from = since(t);
    const mine = open
      .filter((x) => x.requesterId != null && same.has(x.requesterId) && x.receivedAt > from)
      .slice(0, CANDIDATES)
      .map((x) => routed.get(x.id) ?? x);
    const others = comparable(t, mine);
    if (!others.length) continue;
    const matterOfTicket = (x: TicketEntity, xc?: Classification) => matter(x, (x.requesterId != null && requesters.get(x.requesterId)) || null, xc);
    out.set(
      t.id,
      toRepeat(
        findRepeat(
          matterOfTicket(t, c),
          others.map((x) => matterOfTicket(x)),
          { windowDays: REPEAT_WINDOW_DAYS },
        ),
      ),
    );
  }
  return out;
}
