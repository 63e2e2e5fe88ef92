import { DataSource, EntityManager } from 'typeorm';
import { consecutiveIdStep, insertRows, isDeadlock, isUniqueViolation } from '@hub/database';
import { createTicket, NewTicket, requesterValues, SYSTEM_ACTOR } from './ticket-store';

const CHUNK = 1000;
/** A chunk that meets rows another process inserted meanwhile is tried again (it then skips them). */
const ATTEMPTS = 6;

export interface BulkCreateResult {
  created: Array<{ id: number; sourceId: number; externalId: string | null }>;
  /** Items whose (source, external id) was already there (an overlapping or repeated export). */
  duplicates: number;
}

/**
 * Creates many tickets with a handful of multi-row statements per chunk of 1,000 (tickets,
 * requesters, the requester link, events), each chunk in one transaction. Idempotent by
 * (source, external id): what is already there is counted as a duplicate and left alone.
 */
export async function createTicketsBulk(ds: DataSource, items: NewTicket[]): Promise<BulkCreateResult> {
  const result: BulkCreateResult = { created: [], duplicates: 0 };
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await ds.transaction(async (m) => createTicketsIn(m, chunk, await consecutiveIdStep(m)));
        result.created.push(...done.created);
        result.duplicates += done.duplicates;
        break;
      } catch (e) {
        // Another import wrote some of the same (source, external id) between our check and
        // insert, or two chunks' locks crossed: the chunk is done again from the start.
        if (attempt >= ATTEMPTS || !(isUniqueViolation(e) || isDeadlock(e))) throw e;
      }
    }
  }
  return result;
}

const key = (sourceId: number, externalId: string | null | undefined) => `${sourceId}\u0000${externalId}`;

/**
 * The same inside the caller's transaction (`idStep` from consecutiveIdStep): items whose
 * (source, external id) is already a ticket, or repeats one earlier in `chunk`, are counted as
 * duplicates and not created. A concurrent writer of the same key fails the statement (unique key).
 */
export async function createTicketsIn(m: EntityManager, chunk: NewTicket[], idStep: number | null): Promise<BulkCreateResult> {
  const out: BulkCreateResult = { created: [], duplicates: 0 };
  const seen = new Set<string>();
  const fresh: NewTicket[] = [];
  for (const it of chunk) {
    if (it.externalId) {
      const k = key(it.sourceId, it.externalId);
      if (seen.has(k)) { out.duplicates++; continue; }
      seen.add(k);
    }
    fresh.push(it);
  }
  const existing = await existingKeys(m, fresh);
  const toInsert = fresh.filter((it) => !it.externalId || !existing.has(key(it.sourceId, it.externalId)));
  out.duplicates += fresh.length - toInsert.length;
  if (!toInsert.length) return out;

  // Without consecutive ids, rows are matched back by their unique key; the few without an
  // external id cannot be, and are created one by one.
  const bulk = idStep === null ? toInsert.filter((it) => it.externalId) : toInsert;
  const single = idStep === null ? toInsert.filter((it) => !it.externalId) : [];
  const withRequester = bulk.map((it) => requesterRow(it));
  const requesters = withRequester.filter((r): r is Record<string, unknown> => r !== null);
  let ids: number[];
  if (idStep !== null) {
    // Ids known as they are generated: requesters first, tickets carry their requesterId, and
    // each requester gets the ticket it came with.
    const requesterIds = await insertRows(m, 'requesters', requesters, { idStep });
    if (!requesterIds) throw new Error('the database did not report the ids of the requesters just inserted');
    let k = 0;
    const requesterOf = withRequester.map((r) => (r ? requesterIds[k++] : null));
    ids = (await insertRows(m, 'tickets', bulk.map((it, j) => ({ ...ticketRow(it), requesterId: requesterOf[j] })), { idStep })) ?? (await readBackIds(m, bulk));
    await setOriginTickets(m, requesterOf, ids);
  } else {
    await insertRows(m, 'tickets', bulk.map((it) => ({ ...ticketRow(it), requesterId: null })));
    ids = await readBackIds(m, bulk);
    await linkRequesters(m, ids, withRequester);
  }
  await insertRows(m, 'ticket_events', bulk.map((it, j) => ({
    ticketId: ids[j], type: 'received', actorKind: SYSTEM_ACTOR.kind, actorId: null, actorName: SYSTEM_ACTOR.name,
    at: it.receivedAt, toStatus: 'received', data: { channel: it.channel },
  })));
  const created = new Map<NewTicket, number>(bulk.map((it, j) => [it, ids[j]]));
  for (const it of single) created.set(it, (await createTicket(m, it)).id);
  for (const it of toInsert) out.created.push({ id: created.get(it) as number, sourceId: it.sourceId, externalId: it.externalId ?? null });
  return out;
}

/**
 * requesters.originTicketId by primary key only (no reads of tickets, so two chunks written at
 * once do not lock each other's rows). Ids come in runs with one offset; one statement.
 */
async function setOriginTickets(m: EntityManager, requesterOf: Array<number | null>, ticketIds: number[]): Promise<void> {
  const byOffset = new Map<number, number[]>();
  requesterOf.forEach((r, j) => {
    if (r === null) return;
    const offset = ticketIds[j] - r;
    const list = byOffset.get(offset);
    if (list) list.push(r);
    else byOffset.set(offset, [r]);
  });
  if (!byOffset.size) return;
  const marks = (n: number) => Array(n).fill('?').join(',');
  const groups = [...byOffset];
  const params: number[] = [];
  let expr: string;
  if (groups.length === 1) {
    expr = '?';
    params.push(groups[0][0]);
  } else {
    expr = `CASE ${groups.map(([offset, list]) => (params.push(...list, offset), `WHEN id IN (${marks(list.length)}) THEN ?`)).join(' ')} END`;
  }
  const all = groups.flatMap(([, list]) => list);
  await m.query(`UPDATE requesters SET originTicketId = id + ${expr} WHERE id IN (${marks(all.length)})`, [...params, ...all]);
}

function requesterRow(it: NewTicket): Record<string, unknown> | null {
  const values = requesterValues(it.requester);
  return values && { ...values, originTicketId: null };
}

/** Requesters of tickets already inserted without one: inserted with their ticket, then linked. */
async function linkRequesters(m: EntityManager, ids: number[], rows: Array<Record<string, unknown> | null>): Promise<void> {
  const requesters: Array<Record<string, unknown>> = [];
  rows.forEach((r, j) => r && requesters.push({ ...r, originTicketId: ids[j] }));
  if (!requesters.length) return;
  await insertRows(m, 'requesters', requesters);
  await m.query(
    `UPDATE tickets SET requesterId = (SELECT r.id FROM requesters r WHERE r.originTicketId = tickets.id ORDER BY r.id LIMIT 1)
     WHERE id IN (${requesters.map(() => '?').join(',')}) AND requesterId IS NULL`,
    requesters.map((r) => r.originTicketId),
  );
}

function ticketRow(it: NewTicket): Record<string, unknown> {
  return {
    sourceId: it.sourceId, channel: it.channel, externalId: it.externalId ?? null, status: 'received',
    subject: it.subject?.slice(0, 500) ?? null, text: it.text, address: it.address?.slice(0, 500) ?? null,
    receivedAt: it.receivedAt, urgency: it.urgency ?? 'normal', confidential: Boolean(it.confidential),
    messageId: it.messageId ?? null, imported: false, repeatCount: 0, returnCount: 0, extensionCount: 0, reopenCount: 0,
    version: 1,
  };
}

/** (source, external id) pairs of the items that are already tickets. */
async function existingKeys(m: EntityManager, items: NewTicket[]): Promise<Set<string>> {
  const rows = await selectByKey(m, items, 'sourceId, externalId');
  return new Set(rows.map((r) => key(Number(r.sourceId), r.externalId)));
}

async function readBackIds(m: EntityManager, items: NewTicket[]): Promise<number[]> {
  const rows = await selectByKey(m, items, 'id, sourceId, externalId');
  const byKey = new Map(rows.map((r) => [key(Number(r.sourceId), r.externalId), Number(r.id)]));
  return items.map((it) => {
    const id = byKey.get(key(it.sourceId, it.externalId));
    if (id === undefined) throw new Error(`ticket ${it.externalId} of source ${it.sourceId} was inserted but cannot be read back`);
    return id;
  });
}

async function selectByKey(m: EntityManager, items: NewTicket[], columns: string): Promise<Array<{ id?: number; sourceId: number; externalId: string | null }>> {
  const withExt = items.filter((it) => it.externalId);
  if (!withExt.length) return [];
  const externalIds = [...new Set(withExt.map((it) => it.externalId as string))];
  const sourceIds = [...new Set(withExt.map((it) => it.sourceId))];
  return m.query(
    `SELECT ${columns} FROM tickets WHERE externalId IN (${externalIds.map(() => '?').join(',')}) AND sourceId IN (${sourceIds.map(() => '?').join(',')})`,
    [...externalIds, ...sourceIds],
  );
}
