import { Brackets, type EntityManager } from 'typeorm';
import { SourceEntity, TicketEntity, TicketEventEntity, UnitEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';
import { PUBLIC_REPLY_EVENTS, publicReplyOf } from '@hub/domain';

/** A ticket filed through Open311, as the Open311 GET routes show it (no requester). */
export interface Open311Row {
  id: number;
  externalId: string | null;
  status: string;
  subject: string | null;
  category: string | null;
  text: string;
  address: string | null;
  confidential: boolean;
  receivedAt: Date;
  updatedAt: Date;
  unit: string | null;
  /** The latest reply given (reply, direct answer, service provided), if any. */
  reply: string | null;
}

export interface Open311Query {
  /** Sources whose name starts with this (`Open311 `): requests filed by civic apps. */
  sourcePrefix: string;
  ids?: number[];
  externalIds?: string[];
  /** Tickets of these categories or filed with these subjects (a service). */
  services?: string[];
  from?: Date;
  to?: Date;
  statuses?: string[];
  limit: number;
}

export interface Open311RequestRepository {
  find(q: Open311Query): Promise<Open311Row[]>;
}

/** The events publicReplyOf reads: the answers and the review decisions on them. */
const REPLY_EVENTS = [...PUBLIC_REPLY_EVENTS, 'accept_reply', 'send_back'];

export class TypeOrmOpen311RequestRepository implements Open311RequestRepository {
  constructor(private readonly m: EntityManager) {}

  async find(q: Open311Query): Promise<Open311Row[]> {
    const qb = this.m
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .innerJoin(SourceEntity, 's', 's.id = t.sourceId')
      .leftJoin(UnitEntity, 'u', 'u.id = t.leadUnitId')
      .select(['t.id AS id', 't.externalId AS externalId', 't.status AS status', 't.subject AS subject', 't.category AS category', 't.text AS text'])
      .addSelect(['t.address AS address', 't.confidential AS confidential', 't.receivedAt AS receivedAt', 't.updatedAt AS updatedAt', 'u.name AS unit'])
      .where('s.name LIKE :prefix', { prefix: `${q.sourcePrefix.replace(/[%_]/g, '\\$&')}%` });
    if (q.ids) qb.andWhere('t.id IN (:...ids)', { ids: q.ids.length ? q.ids : [0] });
    if (q.externalIds) qb.andWhere('t.externalId IN (:...ext)', { ext: q.externalIds.length ? q.externalIds : [''] });
    if (q.services?.length) qb.andWhere(new Brackets((w) => w.where('t.category IN (:...svc)', { svc: q.services }).orWhere('t.subject IN (:...svc)')));
    if (q.from) qb.andWhere('t.receivedAt >= :from', { from: q.from });
    if (q.to) qb.andWhere('t.receivedAt <= :to', { to: q.to });
    if (q.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: q.statuses });
    const rows: Array<Record<string, unknown>> = await qb.orderBy('t.receivedAt', 'DESC').addOrderBy('t.id', 'DESC').limit(q.limit).getRawMany();
    const replies = await this.replies(rows.map((r) => Number(r.id)));
    const time = (v: unknown) => (v instanceof Date ? v : new Date(String(v).replace(' ', 'T') + (String(v).endsWith('Z') ? '' : 'Z')));
    return rows.map((r) => ({
      id: Number(r.id),
      externalId: (r.externalId as string | null) ?? null,
      status: String(r.status),
      subject: (r.subject as string | null) ?? null,
      category: (r.category as string | null) ?? null,
      text: String(r.text),
      address: (r.address as string | null) ?? null,
      confidential: r.confidential === true || Number(r.confidential) === 1,
      receivedAt: time(r.receivedAt),
      updatedAt: time(r.updatedAt),
      unit: (r.unit as string | null) ?? null,
      reply: replies.get(Number(r.id)) ?? null,
    }));
  }

  /** The latest reply text of each ticket, in one query. */
  private async replies(ids: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (!ids.length) return out;
    const events = await this.m
      .getRepository(TicketEventEntity)
      .createQueryBuilder('e')
      .where('e.ticketId IN (:...ids)', { ids })
      .andWhere('e.type IN (:...types)', { types: REPLY_EVENTS })
      .orderBy('e.id', 'ASC')
      .getMany();
    const byTicket = new Map<number, TicketEventEntity[]>();
    for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
    for (const [id, list] of byTicket) {
      const text = publicReplyOf(list)?.text;
      if (text) out.set(id, text);
    }
    return out;
  }
}

export const OPEN311_REQUESTS = repositoryToken<Open311RequestRepository>('open311-requests', (m) => new TypeOrmOpen311RequestRepository(m));
