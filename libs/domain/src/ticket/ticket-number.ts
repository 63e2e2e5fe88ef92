import { businessDate } from '../time/business-time';

/**
 * Human ticket numbers: prefix, Beijing date, sequence — e.g. QH20261129-000123. Citizens quote
 * them in replies, so the mailbox intake recognises them in subjects.
 */
export function formatTicketNumber(prefix: string, receivedAt: Date, id: number): string {
  const d = businessDate(receivedAt).replace(/-/g, '');
  return `${prefix}${d}-${String(id).padStart(6, '0')}`;
}

export function ticketNumberPattern(prefix: string): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}\\d{8}-\\d{6,}`);
}

/**
 * A ticket number quoted in free text, in the canonical form. Citizens type it with a Chinese
 * input method (full-width ＱＨ２０２５…, a full-width or dash-like hyphen, or none), in lower case,
 * or with a space: all are read as the number they mean.
 */
export function findTicketNumber(prefix: string, text: string): string | null {
  const escaped = prefix.normalize('NFKC').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}[ ]?(\\d{8})[ ]?[-‐‑‒–—―−_ ]?[ ]?(\\d{6,})(?!\\d)`, 'i').exec(text.normalize('NFKC'));
  return m ? `${prefix}${m[1]}-${m[2]}` : null;
}

/** Header on every mail the hub sends (value: the ticket number); intake ignores mail carrying it. */
export const HUB_MARKER_HEADER = 'X-Hub-Ticket';
