import { Actor, formatTicketNumber } from '@hub/domain';
import type { TicketEntity } from '@hub/database';

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
