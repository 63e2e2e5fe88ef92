import { EntityManager, In } from 'typeorm';
import { formatTicketNumber, ticketNumberPattern } from '@hub/domain';
import { IntakeItemEntity, OutgoingMailEntity, RequesterEntity, TicketEntity } from '@hub/database';
import { ticketIdFromNumber } from '@hub/tickets';
import type { ParsedLetter } from '../mail';

export interface ThreadMatch {
  ticketId: number;
  /** How the reply was recognised, for the event and the log. */
  via: 'outgoing-mail' | 'letter' | 'reference-number' | 'subject-number';
  /** The ticket's status and number now: a reply to a finished ticket is a new letter. */
  status: string;
  number: string;
}

/** A letter worth looking up: it refers to earlier mail or quotes a ticket number. */
export function mayBeReply(letter: ParsedLetter): boolean {
  return Boolean(letter.inReplyTo || letter.references.length || letter.ticketNumber);
}

/** Message-IDs a letter refers to, newest first (In-Reply-To, then References from the end). */
export function referencedIds(letter: Pick<ParsedLetter, 'inReplyTo' | 'references'>): string[] {
  const ids = [letter.inReplyTo, ...[...letter.references].reverse()].filter((x): x is string => Boolean(x));
  return [...new Set(ids)].slice(0, 30);
}

/**
 * Finds the ticket a citizen's letter answers. Strong evidence first: the letter refers to an
 * answer we sent (outbox id or its Message-ID), or to the citizen's own earlier letter (which
 * became a ticket). Only then the ticket number in the subject, and only when the number is
 * real (its date matches) and the sender is that ticket's requester, so quoting someone else's
 * number does not attach a letter to their ticket.
 */
export async function findReplyTicket(
  m: EntityManager,
  letter: ParsedLetter,
  opts: { ticketPrefix: string; mailboxes: string[]; mailbox?: string },
): Promise<ThreadMatch | null> {
  const ids = referencedIds(letter);
  if (ids.length) {
    const outboxIds = ids.map((id) => /^<outbox-(\d+)-/.exec(id)?.[1]).filter((x): x is string => Boolean(x)).map(Number);
    if (outboxIds.length) {
      const rows = await m.getRepository(OutgoingMailEntity).find({ where: { id: In(outboxIds) }, select: ['id', 'ticketId', 'messageId'] });
      const hit = rows.find((r) => r.ticketId && (!r.messageId || ids.includes(r.messageId)));
      if (hit?.ticketId) return follow(m, opts.ticketPrefix, hit.ticketId, 'outgoing-mail');
    }
    const sent = await m.getRepository(OutgoingMailEntity).find({ where: { messageId: In(ids) }, select: ['id', 'ticketId'], take: 5 });
    const sentHit = sent.find((r) => r.ticketId);
    if (sentHit?.ticketId) return follow(m, opts.ticketPrefix, sentHit.ticketId, 'outgoing-mail');
    if (opts.mailboxes.length) {
      const letters = await m.getRepository(IntakeItemEntity).find({
        where: { mailbox: In(opts.mailboxes), messageId: In(ids) }, select: ['id', 'ticketId', 'messageId', 'mailbox'],
      });
      // The same letter may have reached two mailboxes: the one this reply came to wins.
      letters.sort((a, b) => Number(b.mailbox === opts.mailbox) - Number(a.mailbox === opts.mailbox));
      for (const id of ids) {
        const hit = letters.find((l) => l.messageId === id && l.ticketId);
        if (hit?.ticketId) return follow(m, opts.ticketPrefix, hit.ticketId, 'letter');
      }
    }
    // Our answers' ids may carry the ticket number (e.g. <answer-QH20250302-000123@hub>).
    const pattern = ticketNumberPattern(opts.ticketPrefix);
    for (const id of ids) {
      const num = pattern.exec(id)?.[0];
      const ticket = num ? await ticketByNumber(m, opts.ticketPrefix, num) : null;
      if (ticket) return follow(m, opts.ticketPrefix, ticket.id, 'reference-number');
    }
  }
  if (letter.ticketNumber) {
    const ticket = await ticketByNumber(m, opts.ticketPrefix, letter.ticketNumber);
    const sender = (letter.replyTo?.address || letter.from?.address || '').toLowerCase();
    if (ticket?.requesterId && sender) {
      const requester = await m.getRepository(RequesterEntity).findOne({ where: { id: ticket.requesterId }, select: ['id', 'email'] });
      const from = (letter.from?.address ?? '').toLowerCase();
      if (requester?.email && (requester.email === sender || requester.email === from)) return follow(m, opts.ticketPrefix, ticket.id, 'subject-number');
    }
  }
  return null;
}

async function ticketByNumber(m: EntityManager, prefix: string, number: string): Promise<Pick<TicketEntity, 'id' | 'receivedAt' | 'requesterId'> | null> {
  const id = ticketIdFromNumber(prefix, number);
  if (!id) return null;
  const t = await m.getRepository(TicketEntity).findOne({ where: { id }, select: ['id', 'receivedAt', 'requesterId'] });
  return t && formatTicketNumber(prefix, t.receivedAt, t.id) === number ? t : null;
}

/** A reply to a ticket that was merged (并单) belongs on the ticket it was merged into. */
async function follow(m: EntityManager, prefix: string, ticketId: number, via: ThreadMatch['via']): Promise<ThreadMatch | null> {
  let id = ticketId;
  let found: Pick<TicketEntity, 'id' | 'status' | 'receivedAt'> | null = null;
  for (let i = 0; i < 5; i++) {
    const t = await m.getRepository(TicketEntity).findOne({ where: { id }, select: ['id', 'mergedIntoId', 'status', 'receivedAt'] });
    if (!t) break;
    found = t;
    if (!t.mergedIntoId) break;
    id = t.mergedIntoId;
  }
  return found ? { ticketId: found.id, via, status: found.status, number: formatTicketNumber(prefix, found.receivedAt, found.id) } : null;
}
