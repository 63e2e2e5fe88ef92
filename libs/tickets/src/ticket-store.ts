import { EntityManager } from 'typeorm';
import { Actor, formatTicketNumber, TicketStatus } from '@hub/domain';
import { TICKET_EVENTS, TicketEntity } from '@hub/database';

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

/** Appends to the ticket's timeline in the caller's transaction (use cases use TICKET_EVENTS). */
export async function recordEvent(
  m: EntityManager,
  ticketId: number,
  type: string,
  actor: Actor,
  at: Date,
  opts: { reason?: string | null; data?: Record<string, unknown> | null; fromStatus?: TicketStatus | null; toStatus?: TicketStatus | null } = {},
): Promise<void> {
  await TICKET_EVENTS.typeorm(m).record({ ticketId, type, actor, at, ...opts });
}
