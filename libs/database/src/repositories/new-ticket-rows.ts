import { type Actor, type Channel, normalizeEmail, normalizeIdNumber, normalizePhone, type Urgency } from '@hub/domain';
import type { RequesterEntity } from '../entities';

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
  /** The sending system's own reply deadline, kept as the lead unit's. */
  externalDueAt?: Date | null;
  subject?: string | null;
  text: string;
  address?: string | null;
  receivedAt: Date;
  urgency?: Urgency;
  confidential?: boolean;
  messageId?: string | null;
  /** See `lookupCodeHash` of the ticket (record-intake makes the code). */
  lookupCodeHash?: string | null;
  requester?: NewRequester | null;
  /** Who recorded it: the actor of its first event. */
  recordedBy: Actor;
  /** The city it came in for (a channel bound to a city): its unit and number prefix. */
  cityUnitId?: number | null;
  numberPrefix?: string | null;
}

/** A requester as stored (identities normalised for repeat matching), or null when nothing identifies one. */
export function requesterValues(r: NewRequester | null | undefined): Pick<RequesterEntity, 'name' | 'phone' | 'email' | 'idNumber' | 'address'> | null {
  if (!r || !(r.name || r.phone || r.email || r.idNumber)) return null;
  return {
    name: r.name?.trim() || null,
    phone: normalizePhone(r.phone),
    email: normalizeEmail(r.email),
    idNumber: normalizeIdNumber(r.idNumber),
    address: r.address?.trim() || null,
  };
}

/** The requester row of a new ticket (linked to its ticket after the insert). */
export function requesterRow(it: NewTicket): Record<string, unknown> | null {
  const values = requesterValues(it.requester);
  return values && { ...values, originTicketId: null };
}

/** The ticket row of a new ticket, in state received. */
export function ticketRow(it: NewTicket): Record<string, unknown> {
  return {
    sourceId: it.sourceId,
    channel: it.channel,
    externalId: it.externalId ?? null,
    externalDueAt: it.externalDueAt ?? null,
    status: 'received',
    subject: it.subject?.slice(0, 500) ?? null,
    text: it.text,
    address: it.address?.slice(0, 500) ?? null,
    receivedAt: it.receivedAt,
    urgency: it.urgency ?? 'normal',
    confidential: Boolean(it.confidential),
    messageId: it.messageId ?? null,
    lookupCodeHash: it.lookupCodeHash ?? null,
    cityUnitId: it.cityUnitId ?? null,
    numberPrefix: it.numberPrefix ?? null,
    // A city's ticket waits in its desk's triage (null: the installation's own desk).
    deskUnitId: it.cityUnitId ?? null,
    imported: false,
    repeatCount: 0,
    returnCount: 0,
    extensionCount: 0,
    reopenCount: 0,
    version: 1,
  };
}
