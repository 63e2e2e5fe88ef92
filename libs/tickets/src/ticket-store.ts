import { EntityManager } from 'typeorm';
import { Actor, Channel, formatTicketNumber, normalizeEmail, normalizeIdNumber, normalizePhone, Urgency } from '@hub/domain';
import { RequesterEntity, TICKET_EVENTS, TicketEntity } from '@hub/database';

export interface NewRequester {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

export interface NewTicket {
  sourceId: number;
  channel: Channel;
  externalId?: string | null;
  subject?: string | null;
  text: string;
  address?: string | null;
  receivedAt: Date;
  urgency?: Urgency;
  confidential?: boolean;
  messageId?: string | null;
  requester?: NewRequester | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: '系统' };

export function ticketNumber(prefix: string, t: Pick<TicketEntity, 'id' | 'receivedAt'>): string {
  return formatTicketNumber(prefix, t.receivedAt, t.id);
}

/** Parses QH20261129-000123 (or a bare id) back to the ticket id. */
export function ticketIdFromNumber(prefix: string, ref: string): number | null {
  if (/^\d+$/.test(ref)) return Number(ref);
  const m = new RegExp(`^${prefix}(\\d{8})-(\\d+)$`).exec(ref.trim());
  return m ? Number(m[2]) : null;
}

/** A requester as stored (identities normalised for repeat matching), or null when nothing identifies one. */
export function requesterValues(r: NewRequester | null | undefined): Pick<RequesterEntity, 'name' | 'phone' | 'email' | 'idNumber' | 'address'> | null {
  if (!r || !(r.name || r.phone || r.email || r.idNumber)) return null;
  return {
    name: r.name?.trim() || null, phone: normalizePhone(r.phone), email: normalizeEmail(r.email),
    idNumber: normalizeIdNumber(r.idNumber), address: r.address?.trim() || null,
  };
}

export async function insertRequester(m: EntityManager, r: NewRequester | null | undefined): Promise<number | null> {
  const values = requesterValues(r);
  if (!values) return null;
  const repo = m.getRepository(RequesterEntity);
  return (await repo.save(repo.create(values))).id;
}

/** Appends to the ticket's timeline in the caller's transaction (use cases use TICKET_EVENTS). */
export async function recordEvent(
  m: EntityManager,
  ticketId: number,
  type: string,
  actor: Actor,
  at: Date,
  opts: { reason?: string | null; data?: Record<string, unknown> | null; fromStatus?: string | null; toStatus?: string | null } = {},
): Promise<void> {
  await TICKET_EVENTS.typeorm(m).record({ ticketId, type, actor, at, ...opts });
}

/** Creates a ticket in state `received` with its requester and the first event. */
export async function createTicket(m: EntityManager, input: NewTicket, actor: Actor = SYSTEM_ACTOR): Promise<TicketEntity> {
  const requesterId = await insertRequester(m, input.requester);
  const repo = m.getRepository(TicketEntity);
  const ticket = await repo.save(repo.create({
    sourceId: input.sourceId, channel: input.channel, externalId: input.externalId ?? null, status: 'received',
    subject: input.subject?.slice(0, 500) ?? null, text: input.text, address: input.address?.slice(0, 500) ?? null,
    receivedAt: input.receivedAt, urgency: input.urgency ?? 'normal', confidential: Boolean(input.confidential),
    requesterId, messageId: input.messageId ?? null, imported: false, repeatCount: 0, returnCount: 0, extensionCount: 0,
    reopenCount: 0, classification: null, category: null, region: null, disposition: null, leadUnitId: null,
  }));
  await recordEvent(m, ticket.id, 'received', actor, input.receivedAt, { toStatus: 'received', data: { channel: input.channel } });
  return ticket;
}
