import type { EntityManager } from 'typeorm';
import { RequesterEntity, TicketEntity } from '../entities';
import { TypeOrmTicketEventRepository } from './ticket-event.repository';
import { captureWebhookDeliveries } from './webhook-capture';
import { insertRows } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';
import { idStepOf } from './id-step';
import { ticketSearchRow, TypeOrmTicketSearchRepository } from './ticket-search.repository';
import { type NewTicket, requesterRow, requesterValues, ticketRow } from './new-ticket-rows';

export { type NewRequester, type NewTicket, requesterValues } from './new-ticket-rows';

/** A ticket found by its (source, external id) key. */
export interface KeyedTicket {
  id: number;
  sourceId: number;
  externalId: string;
}

/** What intake needs to know of a ticket that is already there (its number, whether it is open, where it was merged). */
export interface TicketHead {
  id: number;
  status: string;
  receivedAt: Date;
  requesterId: number | null;
  mergedIntoId: number | null;
  /** Its number's prefix when not the installation's (a city's). */
  numberPrefix: string | null;
}

/** Tickets as intake writes them: many at once, each with its requester and first event. */
export interface IntakeTicketRepository {
  /** The tickets already holding these (source, external id) keys. */
  findByKeys(keys: Array<{ sourceId: number; externalId: string }>): Promise<KeyedTicket[]>;
  /**
   * Creates tickets in state `received`, each with its requester (when one is identified) and its
   * `received` event; returns their ids in order. A key already taken fails the statement (the
   * unique index), and so the caller's transaction. `indexLater`: their lookup rows are not
   * written here (a bulk import; the caller queues 'ticket-search-index' after the commit).
   */
  createMany(tickets: NewTicket[], options?: { indexLater?: boolean }): Promise<number[]>;
  head(id: number): Promise<TicketHead | null>;
}

/** A new ticket's lookup row, with its requester's identities normalised as they are stored. */
function searchRowOf(id: number, it: NewTicket) {
  return ticketSearchRow({ ...it, id, requester: requesterValues(it.requester) });
}

const key = (sourceId: number, externalId: string | null | undefined) => `${sourceId}\u0000${externalId}`;

/**
 * A handful of multi-row statements per batch (requesters, tickets, the requester link, events):
 * the ORM's statement builder costs more CPU than the database does on this path.
 */
export class TypeOrmIntakeTicketRepository implements IntakeTicketRepository {
  constructor(private readonly m: EntityManager) {}

  async findByKeys(keys: Array<{ sourceId: number; externalId: string }>): Promise<KeyedTicket[]> {
    const wanted = new Set(keys.map((k) => key(k.sourceId, k.externalId)));
    const rows = await this.selectByKey(keys, 'id, sourceId, externalId');
    return rows
      .map((r) => ({ id: Number(r.id), sourceId: Number(r.sourceId), externalId: r.externalId as string }))
      .filter((r) => wanted.has(key(r.sourceId, r.externalId)));
  }

  async createMany(items: NewTicket[], options: { indexLater?: boolean } = {}): Promise<number[]> {
    if (!items.length) return [];
    const idStep = await idStepOf(this.m);
    // Without consecutive ids, rows are matched back by their unique key; the few without an
    // external id cannot be, and are created one by one.
    const bulkAt = items.map((_, j) => j).filter((j) => idStep !== null || items[j].externalId);
    const singleAt = idStep === null ? items.map((_, j) => j).filter((j) => !items[j].externalId) : [];
    const bulk = bulkAt.map((j) => items[j]);
    const ids: number[] = new Array(items.length);
    if (bulk.length) {
      const bulkIds = await this.insertBulk(bulk, idStep);
      bulkAt.forEach((j, k) => (ids[j] = bulkIds[k]));
    }
    for (const j of singleAt) ids[j] = (await this.insertOne(items[j])).id;
    // The lookup rows of the bulk ones (insertOne writes its own), from what was just written: no read back.
    if (!options.indexLater) await new TypeOrmTicketSearchRepository(this.m).index(bulk.map((it, k) => searchRowOf(ids[bulkAt[k]], it)));
    return ids;
  }

  async head(id: number): Promise<TicketHead | null> {
    const t = await this.m
      .getRepository(TicketEntity)
      .findOne({ where: { id }, select: ['id', 'status', 'receivedAt', 'requesterId', 'mergedIntoId', 'numberPrefix'] });
    return t
      ? { id: t.id, status: t.status, receivedAt: t.receivedAt, requesterId: t.requesterId, mergedIntoId: t.mergedIntoId, numberPrefix: t.numberPrefix ?? null }
      : null;
  }

  /** One ticket through the ORM (a ticket without an external id where ids cannot be predicted; seeds and tests). */
  async insertOne(input: NewTicket): Promise<TicketEntity> {
    const values = requesterValues(input.requester);
    const requesters = this.m.getRepository(RequesterEntity);
    const requesterId = values ? (await requesters.save(requesters.create(values))).id : null;
    const repo = this.m.getRepository(TicketEntity);
    const ticket = await repo.save(
      repo.create({
        sourceId: input.sourceId,
        channel: input.channel,
        externalId: input.externalId ?? null,
        status: 'received',
        subject: input.subject?.slice(0, 500) ?? null,
        text: input.text,
        address: input.address?.slice(0, 500) ?? null,
        receivedAt: input.receivedAt,
        urgency: input.urgency ?? 'normal',
        confidential: Boolean(input.confidential),
        requesterId,
        messageId: input.messageId ?? null,
        lookupCodeHash: input.lookupCodeHash ?? null,
        cityUnitId: input.cityUnitId ?? null,
        numberPrefix: input.numberPrefix ?? null,
        deskUnitId: input.cityUnitId ?? null,
        imported: false,
        repeatCount: 0,
        returnCount: 0,
        extensionCount: 0,
        reopenCount: 0,
        classification: null,
        category: null,
        region: null,
        disposition: null,
        leadUnitId: null,
      }),
    );
    const a = input.recordedBy;
    // Through the event repository, so the webhook deliveries of 'received' are written with it.
    await new TypeOrmTicketEventRepository(this.m).record({
      ticketId: ticket.id,
      type: 'received',
      actor: a,
      at: input.receivedAt,
      data: { channel: input.channel },
      toStatus: 'received',
    });
    await new TypeOrmTicketSearchRepository(this.m).index([searchRowOf(ticket.id, input)]);
    return ticket;
  }

  private async insertBulk(bulk: NewTicket[], idStep: number | null): Promise<number[]> {
    const m = this.m;
    const withRequester = bulk.map((it) => requesterRow(it));
    let ids: number[];
    if (idStep !== null) {
      // Ids known as they are generated: requesters first, tickets carry their requesterId, and
      // each requester gets the ticket it came with.
      const requesterIds = await insertRows(
        m,
        'requesters',
        withRequester.filter((r): r is Record<string, unknown> => r !== null),
        { idStep },
      );
      if (!requesterIds) throw new Error('the database did not report the ids of the requesters just inserted');
      let k = 0;
      const requesterOf = withRequester.map((r) => (r ? requesterIds[k++] : null));
      ids =
        (await insertRows(
          m,
          'tickets',
          bulk.map((it, j) => ({ ...ticketRow(it), requesterId: requesterOf[j] })),
          { idStep },
        )) ?? (await this.readBackIds(bulk));
      await this.setOriginTickets(requesterOf, ids);
    } else {
      await insertRows(
        m,
        'tickets',
        bulk.map((it) => ({ ...ticketRow(it), requesterId: null })),
      );
      ids = await this.readBackIds(bulk);
      await this.linkRequesters(ids, withRequester);
    }
    const eventIds = await insertRows(
      m,
      'ticket_events',
      bulk.map((it, j) => ({
        ticketId: ids[j],
        type: 'received',
        actorKind: it.recordedBy.kind,
        actorId: it.recordedBy.id ?? null,
        actorName: it.recordedBy.name,
        at: it.receivedAt,
        toStatus: 'received',
        data: { channel: it.channel },
      })),
      { idStep },
    );
    // The webhook deliveries of these 'received' events, in the same transaction (see webhook-capture.ts).
    if (eventIds)
      await captureWebhookDeliveries(
        m,
        eventIds.map((id, j) => ({ id, ticketId: ids[j], type: 'received' })),
      );
    return ids;
  }

  /**
   * requesters.originTicketId by primary key only (no reads of tickets, so two chunks written at
   * once do not lock each other's rows). Ids come in runs with one offset; one statement.
   */
  private async setOriginTickets(requesterOf: Array<number | null>, ticketIds: number[]): Promise<void> {
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
    await this.m.query(`UPDATE requesters SET originTicketId = id + ${expr} WHERE id IN (${marks(all.length)})`, [...params, ...all]);
  }

  /** Requesters of tickets already inserted without one: inserted with their ticket, then linked. */
  private async linkRequesters(ids: number[], rows: Array<Record<string, unknown> | null>): Promise<void> {
    const requesters: Array<Record<string, unknown>> = [];
    rows.forEach((r, j) => r && requesters.push({ ...r, originTicketId: ids[j] }));
    if (!requesters.length) return;
    await insertRows(this.m, 'requesters', requesters);
    await this.m.query(
      `UPDATE tickets SET requesterId = (SELECT r.id FROM requesters r WHERE r.originTicketId = tickets.id ORDER BY r.id LIMIT 1)
     WHERE id IN (${requesters.map(() => '?').join(',')}) AND requesterId IS NULL`,
      requesters.map((r) => r.originTicketId),
    );
  }

  private async readBackIds(items: NewTicket[]): Promise<number[]> {
    const rows = await this.selectByKey(
      items.map((it) => ({ sourceId: it.sourceId, externalId: it.externalId })),
      'id, sourceId, externalId',
    );
    const byKey = new Map(rows.map((r) => [key(Number(r.sourceId), r.externalId), Number(r.id)]));
    return items.map((it) => {
      const id = byKey.get(key(it.sourceId, it.externalId));
      if (id === undefined) throw new Error(`ticket ${it.externalId} of source ${it.sourceId} was inserted but cannot be read back`);
      return id;
    });
  }

  private async selectByKey(
    items: Array<{ sourceId: number; externalId?: string | null }>,
    columns: string,
  ): Promise<Array<{ id?: number; sourceId: number; externalId: string | null }>> {
    const withExt = items.filter((it) => it.externalId);
    if (!withExt.length) return [];
    const externalIds = [...new Set(withExt.map((it) => it.externalId as string))];
    const sourceIds = [...new Set(withExt.map((it) => it.sourceId))];
    return this.m.query(
      `SELECT ${columns} FROM tickets WHERE externalId IN (${externalIds.map(() => '?').join(',')}) AND sourceId IN (${sourceIds.map(() => '?').join(',')})`,
      [...externalIds, ...sourceIds],
    );
  }
}

export const INTAKE_TICKETS = repositoryToken<IntakeTicketRepository>('intake-tickets', (m) => new TypeOrmIntakeTicketRepository(m));
