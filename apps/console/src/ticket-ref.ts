/** What an operator types to name a ticket: its number (QH20261129-000123) or its id. */

/** "QH20261129-000123" or "123" → 123. */
export function ticketIdFrom(ref: string): number | null {
  const s = ref.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /-(\d+)$/.exec(s);
  return m ? Number(m[1]) : null;
}

/**
 * Whether the ticket found for what the operator typed is the one meant: a full number must match
 * exactly (QH20261124-000004 typed for ticket 4 numbered QH20261128-000004, or a history 编号 like
 * 2025-000123, is another ticket); a bare id is taken as it is.
 */
export function sameTicket(ref: string, number: string): boolean {
  const s = ref.trim();
  return /^\d+$/.test(s) || s.toUpperCase() === number.toUpperCase();
}
