import { Actor, formatTicketNumber } from '@hub/domain';
import type { TicketEntity } from '@hub/database';

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: '系统' };

/** The ticket's number: its own prefix (its city's) when it has one, else the installation's. */
export function ticketNumber(prefix: string, t: Pick<TicketEntity, 'id' | 'receivedAt'> & { numberPrefix?: string | null }): string {
  return formatTicketNumber(t.numberPrefix || prefix, t.receivedAt, t.id);
}

/** Parses QH20261129-000123 (or a bare id) back to the ticket id. */
export function ticketIdFromNumber(prefix: string, ref: string): number | null {
  if (/^\d+$/.test(ref)) return Number(ref);
  const m = new RegExp(`^${prefix}(\\d{8})-(\\d+)$`).exec(ref.trim());
  return m ? Number(m[2]) : null;
}
