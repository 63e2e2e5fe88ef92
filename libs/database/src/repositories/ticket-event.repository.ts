import type { EntityManager } from 'typeorm';
import type { Actor, TicketStatus } from '@hub/domain';
import { TicketEventEntity } from '../entities';
import { insertRows } from '../insert-rows';
import { repositoryToken } from '../unit-of-work/repository-token';
import { captureWebhookDeliveries, hasWebhookEndpoints } from './webhook-capture';

export interface NewTicketEvent {
  ticketId: number;
  type: string;
  actor: Actor;
  at: Date;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  fromStatus?: TicketStatus | null;
  toStatus?: TicketStatus | null;
}

/** The row of one event, as both the single and the bulk insert (and the in-memory twin) write it. */
export function eventRow(e: NewTicketEvent) {
  return {
    ticketId: e.ticketId,
    type: e.type,
    actorKind: e.actor.kind,
    actorId: e.actor.id ?? null,
    actorName: e.actor.name,
    at: e.at,
    reason: e.reason ?? null,
    data: e.data ?? null,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
  };
}

/** The ticket's timeline (信访档案): appended to, never changed. */
export interface TicketEventRepository {
  record(event: NewTicketEvent): Promise<void>;
  /** Many events in as few statements as the database allows (a sweep's batch). */
  recordMany(events: NewTicketEvent[]): Promise<void>;
  listForTicket(ticketId: number): Promise<TicketEventEntity[]>;
}

export class TypeOrmTicketEventRepository implements TicketEventRepository {
  constructor(private readonly m: EntityManager) {}

  async record(e: NewTicketEvent): Promise<void> {
    const r = await this.m.getRepository(TicketEventEntity).insert(<never>eventRow(e));
    // Webhook deliveries are written with the event, in its transaction: none lost, none for a rolled-back event.
    await captureWebhookDeliveries(this.m, [{ id: Number(r.identifiers[0]?.id ?? r.raw?.insertId), ticketId: e.ticketId, type: e.type }]);
  }

  async recordMany(events: NewTicketEvent[]): Promise<void> {
    if (!events.length) return;
    // With a webhook endpoint configured each event needs its own id for its deliveries: one
    // insert each (the exact id, whatever the auto-increment mode). Without one, one statement.
    if (await hasWebhookEndpoints(this.m)) {
      for (const e of events) await this.record(e);
      return;
    }
    await insertRows(this.m, 'ticket_events', events.map(eventRow));
  }

  listForTicket(ticketId: number): Promise<TicketEventEntity[]> {
    return this.m.getRepository(TicketEventEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }
}

export const TICKET_EVENTS = repositoryToken<TicketEventRepository>('ticket-events', (m) => new TypeOrmTicketEventRepository(m));
