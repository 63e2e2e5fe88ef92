import { EntityManager, In, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { SourceEntity, TicketEntity, TicketEventEntity, UnitEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '../entities';
import { repositoryToken } from '../unit-of-work/repository-token';
import { claimLease } from './lease';
import { endpointEventsColumn } from './webhook-capture';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export type WebhookDelivery = WebhookDeliveryEntity;

/** What a delivery's body is made of: the event, and the ticket as it stands. */
export interface WebhookEventFacts {
  event: TicketEventEntity;
  ticket: TicketEntity | null;
  source: string | null;
  unit: string | null;
}

export interface WebhookDeliveryFilter {
  status?: WebhookDeliveryStatus;
  endpoint?: string;
  ticketId?: number;
  /** Rows with a smaller id (paging newest first). */
  beforeId?: number;
  limit: number;
}

/** Webhook deliveries: captured with ticket events, claimed with a lease, delivered in order per ticket. */
export interface WebhookDeliveryRepository {
  /** Makes the endpoints table say what webhooks.yaml says (deliveries of removed endpoints stay, new events get none). */
  syncEndpoints(endpoints: Array<{ name: string; events: string[] | 'all'; source?: string | null }>): Promise<void>;
  find(id: number): Promise<WebhookDelivery | null>;
  findByEvents(eventIds: number[]): Promise<Array<Pick<WebhookDelivery, 'id' | 'attempts'>>>;
  /** Whether an earlier event of the same ticket is still waiting for this endpoint (then this one waits too). */
  hasEarlierOpen(d: Pick<WebhookDelivery, 'id' | 'endpoint' | 'ticketId' | 'eventId'>): Promise<boolean>;
  /** The next delivery of the same ticket and endpoint, to send once this one is done. */
  nextInLine(d: Pick<WebhookDelivery, 'endpoint' | 'ticketId' | 'eventId'>): Promise<Pick<WebhookDelivery, 'id' | 'attempts'> | null>;
  /** Takes the row for this sender: pending and due, or claimed by a sender whose lease ran out. */
  claim(id: number, now: Date, leaseMs: number): Promise<boolean>;
  /** Fixes the body at the first attempt (no-op once set). */
  keepBody(id: number, body: string): Promise<void>;
  recordDelivered(id: number, r: { at: Date; attempts: number; statusCode: number }): Promise<void>;
  recordFailure(id: number, r: { attempts: number; statusCode: number | null; error: string; final: boolean; retryAt: Date }): Promise<void>;
  /** Due rows (lost jobs, retries whose delayed job Redis dropped, senders that died). */
  listDue(now: Date, limit: number): Promise<Array<Pick<WebhookDelivery, 'id' | 'attempts'>>>;
  list(filter: WebhookDeliveryFilter): Promise<WebhookDelivery[]>;
  /** An admin sends a failed (or delivered) delivery again, with the same body and delivery id; false when it is still in flight. */
  replay(id: number, now: Date): Promise<boolean>;
  eventFacts(eventId: number): Promise<WebhookEventFacts | null>;
}

export class TypeOrmWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly m: EntityManager) {}
  private get repo() {
    return this.m.getRepository(WebhookDeliveryEntity);
  }

  async syncEndpoints(endpoints: Array<{ name: string; events: string[] | 'all'; source?: string | null }>): Promise<void> {
    const repo = this.m.getRepository(WebhookEndpointEntity);
    const existing = new Map((await repo.find()).map((e) => [e.name, e]));
    for (const e of endpoints) {
      const events = endpointEventsColumn(e.events);
      const sourceName = e.source ?? null;
      const row = existing.get(e.name);
      if (!row) await repo.insert(<never>{ name: e.name, events, active: true, sourceName });
      else if (row.events !== events || !row.active || row.sourceName !== sourceName) await repo.update(row.id, { events, active: true, sourceName });
    }
    const names = endpoints.map((e) => e.name);
    await repo.update(names.length ? { name: Not(In(names)), active: true } : { active: true }, { active: false });
  }

  find(id: number): Promise<WebhookDelivery | null> {
    return this.repo.findOneBy({ id });
  }

  async findByEvents(eventIds: number[]): Promise<Array<Pick<WebhookDelivery, 'id' | 'attempts'>>> {
    if (!eventIds.length) return [];
    return this.repo.find({ where: { eventId: In(eventIds) }, select: ['id', 'attempts'], order: { eventId: 'ASC' } });
  }

  async hasEarlierOpen(d: Pick<WebhookDelivery, 'id' | 'endpoint' | 'ticketId' | 'eventId'>): Promise<boolean> {
    const n = await this.repo.count({
      where: { endpoint: d.endpoint, ticketId: d.ticketId, eventId: LessThan(d.eventId), status: In(['pending', 'sending']) },
    });
    return n > 0;
  }

  async nextInLine(d: Pick<WebhookDelivery, 'endpoint' | 'ticketId' | 'eventId'>): Promise<Pick<WebhookDelivery, 'id' | 'attempts'> | null> {
    return this.repo.findOne({
      where: { endpoint: d.endpoint, ticketId: d.ticketId, status: 'pending' },
      select: ['id', 'attempts', 'eventId'],
      order: { eventId: 'ASC' },
    });
  }

  claim(id: number, now: Date, leaseMs: number): Promise<boolean> {
    return claimLease(this.m, WebhookDeliveryEntity, id, now, leaseMs);
  }

  async keepBody(id: number, body: string): Promise<void> {
    await this.m.createQueryBuilder().update(WebhookDeliveryEntity).set({ body }).where('id = :id AND body IS NULL', { id }).execute();
  }

  async recordDelivered(id: number, r: { at: Date; attempts: number; statusCode: number }): Promise<void> {
    await this.repo.update(id, {
      status: 'delivered',
      deliveredAt: r.at,
      attempts: r.attempts,
      lastStatusCode: r.statusCode,
      lastError: null,
      nextAttemptAt: null,
    });
  }

  async recordFailure(id: number, r: { attempts: number; statusCode: number | null; error: string; final: boolean; retryAt: Date }): Promise<void> {
    await this.repo.update(id, {
      status: r.final ? 'failed' : 'pending',
      attempts: r.attempts,
      lastStatusCode: r.statusCode,
      lastError: r.error.slice(0, 1000),
      nextAttemptAt: r.final ? null : r.retryAt,
    });
  }

  listDue(now: Date, limit: number): Promise<Array<Pick<WebhookDelivery, 'id' | 'attempts'>>> {
    return this.repo.find({
      where: { status: In(['pending', 'sending']), nextAttemptAt: LessThanOrEqual(now) },
      select: ['id', 'attempts'],
      take: limit,
      order: { id: 'ASC' },
    });
  }

  list(f: WebhookDeliveryFilter): Promise<WebhookDelivery[]> {
    return this.repo.find({
      where: {
        ...(f.status ? { status: f.status } : {}),
        ...(f.endpoint ? { endpoint: f.endpoint } : {}),
        ...(f.ticketId ? { ticketId: f.ticketId } : {}),
        ...(f.beforeId ? { id: LessThan(f.beforeId) } : {}),
      },
      order: { id: 'DESC' },
      take: f.limit,
    });
  }

  async replay(id: number, now: Date): Promise<boolean> {
    const r = await this.repo.update(
      { id, status: In(['failed', 'delivered']) },
      {
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        lastStatusCode: null,
        deliveredAt: null,
      },
    );
    return (r.affected ?? 0) > 0;
  }

  async eventFacts(eventId: number): Promise<WebhookEventFacts | null> {
    const event = await this.m.getRepository(TicketEventEntity).findOneBy({ id: eventId });
    if (!event) return null;
    const ticket = event.ticketId != null ? await this.m.getRepository(TicketEntity).findOneBy({ id: event.ticketId }) : null;
    const source = ticket ? await this.m.getRepository(SourceEntity).findOne({ where: { id: ticket.sourceId }, select: ['name'] }) : null;
    const unit = ticket?.leadUnitId ? await this.m.getRepository(UnitEntity).findOne({ where: { id: ticket.leadUnitId }, select: ['name'] }) : null;
    return { event, ticket, source: source?.name ?? null, unit: unit?.name ?? null };
  }
}

export const WEBHOOK_DELIVERIES = repositoryToken<WebhookDeliveryRepository>('webhook-deliveries', (m) => new TypeOrmWebhookDeliveryRepository(m));
