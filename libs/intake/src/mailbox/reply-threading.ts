import type { IntakeTicketRepository, ReplyThreadRepository } from '@hub/database';
import { formatTicketNumber, OPEN_STATUSES, ticketNumberPattern } from '@hub/domain';
import { ticketIdFromNumber } from '@hub/tickets';
import type { ParsedLetter } from '../mail';
import { followUpLetter, type ThreadedOutcome } from './letter-draft';
import type { LetterOutcome, PreparedLetter } from './letter-preparer';

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

/** Where threading looks: our sent mails and earlier letters, and the tickets. */
export interface ThreadLookups {
  threads: ReplyThreadRepository;
  tickets: IntakeTicketRepository;
}

/**
 * Finds the ticket a citizen's letter answers. Strong evidence first: the letter refers to an
 * answer we sent (outbox id or its Message-ID), or to the citizen's own earlier letter (which
 * became a ticket). Only then the ticket number in the subject, and only when the number is
 * real (its date matches) and the sender is that ticket's requester, so quoting someone else's
 * number does not attach a letter to their ticket.
 */
export async function findReplyTicket(
  db: ThreadLookups,
  letter: ParsedLetter,
  opts: { ticketPrefix: string; mailboxes: string[]; mailbox?: string },
): Promise<ThreadMatch | null> {
  const ids = referencedIds(letter);
  if (ids.length) {
    const outboxIds = ids
      .map((id) => /^<outbox-(\d+)-/.exec(id)?.[1])
      .filter((x): x is string => Boolean(x))
      .map(Number);
    if (outboxIds.length) {
      const rows = await db.threads.sentMailsByOutboxId(outboxIds);
      const hit = rows.find((r) => r.ticketId && (!r.messageId || ids.includes(r.messageId)));
      if (hit?.ticketId) return follow(db, opts.ticketPrefix, hit.ticketId, 'outgoing-mail');
    }
    const sent = await db.threads.sentMailsByMessageId(ids);
    const sentHit = sent.find((r) => r.ticketId);
    if (sentHit?.ticketId) return follow(db, opts.ticketPrefix, sentHit.ticketId, 'outgoing-mail');
    if (opts.mailboxes.length) {
      const letters = await db.threads.lettersByMessageId(opts.mailboxes, ids);
      // The same letter may have reached two mailboxes: the one this reply came to wins.
      letters.sort((a, b) => Number(b.mailbox === opts.mailbox) - Number(a.mailbox === opts.mailbox));
      for (const id of ids) {
        const hit = letters.find((l) => l.messageId === id && l.ticketId);
        if (hit?.ticketId) return follow(db, opts.ticketPrefix, hit.ticketId, 'letter');
      }
    }
    // Our answers' ids may carry the ticket number (e.g. <answer-QH20250302-000123@hub>).
    const pattern = ticketNumberPattern(opts.ticketPrefix);
    for (const id of ids) {
      const num = pattern.exec(id)?.[0];
      const ticket = num ? await ticketByNumber(db, opts.ticketPrefix, num) : null;
      if (ticket) return follow(db, opts.ticketPrefix, ticket.id, 'reference-number');
    }
  }
  if (letter.ticketNumber) {
    const ticket = await ticketByNumber(db, opts.ticketPrefix, letter.ticketNumber);
    const sender = (letter.replyTo?.address || letter.from?.address || '').toLowerCase();
    if (ticket?.requesterId && sender) {
      const email = await db.threads.requesterEmail(ticket.requesterId);
      const from = (letter.from?.address ?? '').toLowerCase();
      if (email && (email === sender || email === from)) return follow(db, opts.ticketPrefix, ticket.id, 'subject-number');
    }
  }
  return null;
}

async function ticketByNumber(db: ThreadLookups, prefix: string, number: string): Promise<{ id: number; requesterId: number | null } | null> {
  const id = ticketIdFromNumber(prefix, number);
  if (!id) return null;
  const t = await db.tickets.head(id);
  return t && formatTicketNumber(prefix, t.receivedAt, t.id) === number ? t : null;
}

/** A reply to a ticket that was merged (并单) belongs on the ticket it was merged into. */
async function follow(db: ThreadLookups, prefix: string, ticketId: number, via: ThreadMatch['via']): Promise<ThreadMatch | null> {
  let id = ticketId;
  let found: { id: number; status: string; receivedAt: Date } | null = null;
  for (let i = 0; i < 5; i++) {
    const t = await db.tickets.head(id);
    if (!t) break;
    found = t;
    if (!t.mergedIntoId) break;
    id = t.mergedIntoId;
  }
  return found ? { ticketId: found.id, via, status: found.status, number: formatTicketNumber(prefix, found.receivedAt, found.id) } : null;
}

/**
 * A letter's outcome once threading is known: a reply on an open ticket joins it; a reply on a
 * finished one is a new letter naming the ticket it follows; anything else is as it was.
 */
export async function threadOutcome(
  db: ThreadLookups,
  outcome: LetterOutcome,
  opts: { ticketPrefix: string; mailboxes: string[]; mailbox: string },
): Promise<ThreadedOutcome> {
  if (outcome.kind !== 'ticket' || !mayBeReply(outcome.letter)) return outcome;
  const match = await findReplyTicket(db, outcome.letter, opts);
  if (!match) return outcome;
  if (!(OPEN_STATUSES as readonly string[]).includes(match.status)) return { kind: 'ticket', letter: followUpLetter(outcome.letter, match) };
  return { kind: 'thread', letter: outcome.letter, match };
}

/**
 * A batch cut where a letter refers to another letter of the same batch: that one is committed
 * first, so a quick follow-up is threaded onto the ticket its predecessor created. Never empty.
 */
export function splitAtReplies(prepared: PreparedLetter[]): PreparedLetter[][] {
  const groups: PreparedLetter[][] = [];
  let cur: PreparedLetter[] = [];
  let ids = new Set<string>();
  for (const p of prepared) {
    const letter = 'letter' in p.outcome ? p.outcome.letter : null;
    if (cur.length && letter && referencedIds(letter).some((id) => ids.has(id))) {
      groups.push(cur);
      cur = [];
      ids = new Set();
    }
    cur.push(p);
    ids.add(p.messageId);
  }
  if (cur.length) groups.push(cur);
  if (!groups.length) groups.push([]);
  return groups;
}
