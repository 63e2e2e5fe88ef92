import { createHash } from 'crypto';
import { EntityManager, In } from 'typeorm';
import { AttachmentEntity, insertRows, IntakeItemEntity, TicketEventEntity } from '@hub/database';
import type { Actor } from '@hub/domain';
import { createTicketsIn, type NewTicket } from '@hub/tickets';
import { clipToBytes, TEXT_COLUMN_BYTES } from '../clip-to-bytes';
import type { ParsedLetter } from '../mail';
import type { ThreadMatch } from './reply-threading';

/** What became of one letter; decided before the write, applied in one transaction. */
export type LetterOutcome =
  | { kind: 'ticket'; letter: ParsedLetter }
  | { kind: 'thread'; letter: ParsedLetter; match: ThreadMatch }
  | { kind: 'ignored'; letter: ParsedLetter; reason: string; code: string }
  | { kind: 'quarantined'; reason: string; code: string };

export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Relative to HUB_DATA_DIR; null when over the size limit. */
  path: string | null;
  tooLarge: boolean;
}

export interface LetterDraft {
  /** Set when re-running an item already recorded (reparse): it is updated, not inserted. */
  existingId?: number;
  mailbox: string;
  folder: string;
  uidValidity: string | null;
  uid: number | null;
  messageId: string;
  raw: { path: string; sha256: string; size: number };
  attachments: StoredAttachment[];
  outcome: LetterOutcome;
  attempts: number;
}

export interface WrittenLetter {
  messageId: string;
  intakeItemId: number | null;
  status: 'ticketed' | 'threaded' | 'ignored' | 'quarantined';
  ticketId: number | null;
}

export interface WriteContext {
  sourceId: number;
  sourceName: string;
  now: Date;
}

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

function summaryOf(d: LetterDraft): Record<string, unknown> {
  const o = d.outcome;
  if (o.kind === 'quarantined') return { code: o.code };
  const l = o.letter;
  return {
    from: l.from?.address || l.from?.name || null, subject: l.subject.slice(0, 200), repairs: l.repairs.length ? l.repairs : undefined,
    kind: o.kind === 'ignored' ? o.code : undefined, via: o.kind === 'thread' ? o.match.via : undefined,
    attachments: d.attachments.length || undefined,
  };
}

/**
 * Writes a batch of letters inside the caller's transaction with a handful of multi-row
 * statements: tickets with their requesters and events (the bulk path every intake shares),
 * reply events, intake items, attachments. `idStep` (consecutiveIdStep) lets generated ids be
 * known without reading them back.
 */
export async function writeLetters(m: EntityManager, ctx: WriteContext, drafts: LetterDraft[], idStep: number | null = null): Promise<WrittenLetter[]> {
  const ticketDrafts = drafts.filter((d) => d.outcome.kind === 'ticket');
  const ticketIdByMessage = new Map<string, number>();
  const createdIds = new Set<number>();

  if (ticketDrafts.length) {
    const items: NewTicket[] = ticketDrafts.map((d) => {
      const letter = (d.outcome as { letter: ParsedLetter }).letter;
      const r = requesterOf(letter);
      return {
        sourceId: ctx.sourceId, channel: 'mailbox', externalId: externalIdFor(d.messageId), subject: letter.subject.slice(0, 500) || null,
        text: ticketText(letter), receivedAt: receivedAtOf(letter, ctx.now), messageId: d.messageId.slice(0, 500),
        requester: r.name || r.email ? { name: r.name, email: r.email } : null,
      };
    });
    const { created } = await createTicketsIn(m, items, idStep);
    const byExternal = new Map(created.map((c) => [c.externalId, c.id]));
    for (const c of created) createdIds.add(c.id);
    // A ticket for the same Message-ID made earlier (another way in): the letter is linked to it.
    const missing = [...new Set(items.map((it) => it.externalId as string).filter((e) => !byExternal.has(e)))];
    if (missing.length) {
      const rows: Array<{ id: number; externalId: string }> = await m.query(
        `SELECT id, externalId FROM tickets WHERE sourceId = ? AND externalId IN (${missing.map(() => '?').join(',')})`, [ctx.sourceId, ...missing],
      );
      for (const r of rows) byExternal.set(r.externalId, Number(r.id));
    }
    ticketDrafts.forEach((d, j) => {
      const id = byExternal.get(items[j].externalId as string);
      if (id !== undefined) ticketIdByMessage.set(d.messageId, id);
    });
  }

  const replyEvents: Array<Partial<TicketEventEntity>> = [];
  for (const d of drafts) {
    if (d.outcome.kind !== 'thread') continue;
    const { letter, match } = d.outcome;
    const r = requesterOf(letter);
    replyEvents.push(eventRow(match.ticketId, 'requester_reply', { kind: 'requester', id: null, name: (r.name ?? r.email ?? '来信人').slice(0, 100) }, receivedAtOf(letter, ctx.now), {
      data: {
        messageId: d.messageId, subject: letter.subject.slice(0, 500), from: r.email, via: match.via,
        text: clipUtf8(letter.text.trim(), 40_000), attachments: d.attachments.map((a) => a.filename),
      },
    }));
  }
  if (replyEvents.length) await insertRows(m, 'ticket_events', replyEvents);

  const rows = drafts.map((d) => {
    const o = d.outcome;
    const ticketId = o.kind === 'ticket' ? ticketIdByMessage.get(d.messageId) ?? null : o.kind === 'thread' ? o.match.ticketId : null;
    const status = o.kind === 'ticket' ? 'ticketed' : o.kind === 'thread' ? 'threaded' : o.kind;
    const reason = o.kind === 'ignored' || o.kind === 'quarantined' ? o.reason : o.kind === 'ticket' && !createdIds.has(ticketId ?? -1) ? '已有相同邮件的工单' : null;
    return { d, ticketId, status: status as WrittenLetter['status'], reason };
  });
  const inserts = rows.filter((r) => r.d.existingId === undefined);
  const idByMessage = new Map<string, number>();
  if (inserts.length) {
    const ids = await insertRows(m, 'intake_items', inserts.map(({ d, ticketId, status, reason }) => ({
      kind: 'mail', sourceName: ctx.sourceName, mailbox: d.mailbox, folder: d.folder, uidValidity: d.uidValidity, uid: d.uid,
      messageId: d.messageId.slice(0, 500), rawPath: d.raw.path, sha256: d.raw.sha256, size: d.raw.size, status, reason, ticketId,
      attempts: d.attempts, summary: summaryOf(d),
    })), { idStep });
    if (ids) inserts.forEach((r, j) => idByMessage.set(r.d.messageId.slice(0, 500), ids[j]));
    else if (inserts.some((r) => r.d.attachments.length)) {
      const found = await m.getRepository(IntakeItemEntity).find({
        where: { mailbox: drafts[0].mailbox, messageId: In(inserts.map((r) => r.d.messageId.slice(0, 500))) }, select: ['id', 'messageId'],
      });
      for (const f of found) if (f.messageId) idByMessage.set(f.messageId, f.id);
    }
  }
  for (const { d, ticketId, status, reason } of rows) {
    if (d.existingId === undefined) continue;
    idByMessage.set(d.messageId.slice(0, 500), d.existingId);
    await m.getRepository(IntakeItemEntity).update(d.existingId, { status, reason, ticketId, attempts: d.attempts, summary: summaryOf(d) as never });
  }

  const attachments = rows.flatMap(({ d, ticketId }) => d.attachments.map((a) => ({
    ticketId, intakeItemId: idByMessage.get(d.messageId.slice(0, 500)) ?? null, filename: a.filename.slice(0, 300),
    contentType: a.contentType.slice(0, 150), size: a.size, sha256: a.sha256, path: a.path, tooLarge: a.tooLarge,
  })));
  if (attachments.length) {
    const existing = rows.filter((r) => r.d.existingId !== undefined).map((r) => r.d.existingId as number);
    if (existing.length) await m.getRepository(AttachmentEntity).delete({ intakeItemId: In(existing) });
    await insertRows(m, 'attachments', attachments);
  }

  return rows.map(({ d, ticketId, status }) => ({ messageId: d.messageId, intakeItemId: idByMessage.get(d.messageId.slice(0, 500)) ?? null, status, ticketId }));
}

function eventRow(
  ticketId: number, type: string, actor: Actor, at: Date,
  opts: { data?: Record<string, unknown>; toStatus?: string; reason?: string | null },
): Partial<TicketEventEntity> {
  return {
    ticketId, type, actorKind: actor.kind, actorId: actor.id ?? null, actorName: actor.name, at,
    reason: opts.reason ?? null, data: opts.data ?? null, fromStatus: null, toStatus: opts.toStatus ?? null,
  };
}
