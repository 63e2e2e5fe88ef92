import { createHash } from 'crypto';
import { STATUS_LABELS, type TicketStatus } from '@hub/domain';
import { clipToBytes, TEXT_COLUMN_BYTES } from '../clip-to-bytes';
import type { IntakeDraft, KeptItem } from '../intake-draft';
import type { ParsedLetter } from '../mail';
import type { LetterOutcome, PreparedLetter } from './letter-preparer';
import type { ThreadMatch } from './reply-threading';

/** What becomes of a letter once it is known whether it answers a ticket being handled. */
export type ThreadedOutcome = LetterOutcome | { kind: 'thread'; letter: ParsedLetter; match: ThreadMatch };

// The raw letter is archived, so a longer body is clipped here.
const CLIPPED_NOTE = '\n\n（来信正文过长，此处已截断；完整原信见原始邮件存档。）';

export function clipUtf8(text: string, maxBytes = TEXT_COLUMN_BYTES): string {
  return clipToBytes(text, maxBytes, CLIPPED_NOTE);
}

/** The ticket's external id: the Message-ID (per mailbox source, a second guard against doubles). */
export function externalIdFor(messageId: string): string {
  if (messageId.length <= 128) return messageId;
  return `${messageId.slice(0, 100)}#${createHash('sha1').update(messageId).digest('hex').slice(0, 24)}`;
}

/** Who wrote: Reply-To when given (forms forward letters with the citizen there), else From. */
export function requesterOf(letter: ParsedLetter): { name: string | null; email: string | null } {
  const { replyTo, from } = letter;
  const address = replyTo?.address || from?.address || '';
  // A form's or another office's From name is not the citizen's, whose address is in Reply-To.
  const fromIsWriter = !replyTo?.address || !from?.address || replyTo.address.toLowerCase() === from.address.toLowerCase();
  const name = (replyTo?.name || (fromIsWriter ? from?.name : '') || '').trim();
  return { name: name ? name.slice(0, 100) : null, email: address ? address.trim().toLowerCase().slice(0, 200) : null };
}

export function ticketText(letter: ParsedLetter): string {
  const text = letter.text.trim() || letter.subject.trim() || '（来信无正文，见附件。）';
  return clipUtf8(text);
}

/** The Date header, unless missing or absurd (a sender's clock days ahead must not move deadlines). */
export function receivedAtOf(letter: ParsedLetter, now: Date): Date {
  const d = letter.date;
  if (!d || Number.isNaN(d.getTime())) return now;
  if (d.getTime() > now.getTime() + 3600_000 || d.getUTCFullYear() < 2000) return now;
  return d;
}

/**
 * A letter answering a finished ticket (办结, 无效, 直接答复…): nobody works that ticket any more,
 * so the letter, often "not solved" or a new matter, is a new letter that first names the ticket it follows.
 */
export function followUpLetter(letter: ParsedLetter, match: ThreadMatch): ParsedLetter {
  const label = STATUS_LABELS[match.status as TicketStatus] ?? match.status;
  return { ...letter, text: [`（此信回复的工单 ${match.number} 状态为“${label}”，已不在办理中，作为新来信登记。）`, letter.text].filter(Boolean).join('\n\n') };
}

function summaryOf(o: ThreadedOutcome, attachments: number): Record<string, unknown> {
  if (o.kind === 'quarantined') return { code: o.code };
  const l = o.letter;
  return {
    from: l.from?.address || l.from?.name || null,
    subject: l.subject.slice(0, 200),
    repairs: l.repairs.length ? l.repairs : undefined,
    kind: o.kind === 'ignored' ? o.code : undefined,
    via: o.kind === 'thread' ? o.match.via : undefined,
    attachments: attachments || undefined,
  };
}

export interface LetterPlace {
  mailbox: string;
  folder: string;
  uidValidity: string | null;
  /** When now: a letter whose date is missing or absurd was received now. */
  now: Date;
  /** Set when a letter already recorded is run again from its raw bytes. */
  rerunOf?: KeptItem['rerunOf'];
  /** The city the mailbox is bound to (mailboxes.yaml `city`). */
  city?: string | null;
}

/** A letter as a draft: a new ticket, a reply on one, or an item kept without a ticket. */
export function letterDraft(p: PreparedLetter, outcome: ThreadedOutcome, at: LetterPlace): IntakeDraft {
  const raw: KeptItem = {
    kind: 'mail',
    archived: p.raw,
    letter: { mailbox: at.mailbox, folder: at.folder, uidValidity: at.uidValidity, uid: p.uid },
    summary: summaryOf(outcome, p.attachments.length),
    rerunOf: at.rerunOf,
  };
  const base = { channel: 'mailbox' as const, source: at.mailbox, messageId: p.messageId, raw, attachments: p.attachments, city: at.city ?? null };
  if (outcome.kind === 'quarantined' || outcome.kind === 'ignored') {
    return { ...base, receivedAt: at.now, text: '', disposition: { kind: outcome.kind, reason: outcome.reason, code: outcome.code } };
  }
  const { letter } = outcome;
  const r = requesterOf(letter);
  if (outcome.kind === 'thread') {
    return {
      ...base,
      receivedAt: receivedAtOf(letter, at.now),
      subject: letter.subject.slice(0, 500),
      text: clipUtf8(letter.text.trim(), 40_000),
      requester: { name: r.name, email: r.email },
      disposition: { kind: 'reply', ticketId: outcome.match.ticketId, via: outcome.match.via },
    };
  }
  return {
    ...base,
    externalId: externalIdFor(p.messageId),
    receivedAt: receivedAtOf(letter, at.now),
    subject: letter.subject.slice(0, 500) || null,
    text: ticketText(letter),
    requester: r.name || r.email ? { name: r.name, email: r.email } : null,
    disposition: { kind: 'ticket', knownTicketReason: '已有相同邮件的工单' },
  };
}
