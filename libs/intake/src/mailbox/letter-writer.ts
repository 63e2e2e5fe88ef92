import { createHash } from 'crypto';
import { EntityManager, In } from 'typeorm';
import { AttachmentEntity, insertRows, IntakeItemEntity, RequesterEntity, TicketEntity, TicketEventEntity } from '@hub/database';
import type { Actor } from '@hub/domain';
import { SYSTEM_ACTOR } from '@hub/tickets';
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

// TEXT columns hold 65,535 bytes; the raw letter is archived, so a longer body is clipped here.
const MAX_TEXT_BYTES = 60_000;
const CLIPPED_NOTE = '\n\n（来信正文过长，此处已截断；完整原信见原始邮件存档。）';

export function clipUtf8(text: string, maxBytes = MAX_TEXT_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let s = Buffer.from(text, 'utf8').subarray(0, maxBytes - Buffer.byteLength(CLIPPED_NOTE)).toString('utf8');
  s = s.replace(/\uFFFD$/, '');
  return s + CLIPPED_NOTE;
}

/** The ticket's external id: the Message-ID (per mailbox source, a second guard against doubles). */
export function externalIdFor(messageId: string): string {
  if (messageId.length <= 128) return messageId;
  return `${messageId.slice(0, 100)}#${createHash('sha1').update(messageId).digest('hex').slice(0, 24)}`;
}

/** Who wrote: Reply-To when given (forms forward letters with the citizen there), else From. */
export function requesterOf(letter: ParsedLetter): { name: string | null; email: string | null } {
  const who = letter.replyTo ?? letter.from;
  const name = (letter.replyTo?.name || letter.from?.name || '').trim();
  return { name: name ? name.slice(0, 100) : null, email: who?.address ? who.address.trim().toLowerCase().slice(0, 200) : null };
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
    from: l.from?.address ?? null, subject: l.subject.slice(0, 200), repairs: l.repairs.length ? l.repairs : undefined,
    kind: o.kind === 'ignored' ? o.code : undefined, via: o.kind === 'thread' ? o.match.via : undefined,
    attachments: d.attachments.length || undefined,
  };
}

/**
 * Writes a batch of letters inside the caller's transaction with a handful of multi-row
 * statements: tickets, requesters, events, intake items, attachments.
 */
export async function writeLetters(m: EntityManager, ctx: WriteContext, drafts: LetterDraft[]): Promise<WrittenLetter[]> {
  const ticketDrafts = drafts.filter((d) => d.outcome.kind === 'ticket');
  const ticketIdByMessage = new Map<string, number>();
  const createdIds = new Set<number>();

  if (ticketDrafts.length) {
    const externalIds = ticketDrafts.map((d) => externalIdFor(d.messageId));
    const find = async () => m.getRepository(TicketEntity).find({ where: { sourceId: ctx.sourceId, externalId: In(externalIds) }, select: ['id', 'externalId'] });
    const before = new Map((await find()).map((t) => [t.externalId, t.id]));
    const fresh = ticketDrafts.filter((d) => !before.has(externalIdFor(d.messageId)));
    if (fresh.length) {
      const values = fresh.map((d) => {
        const letter = (d.outcome as { letter: ParsedLetter }).letter;
        return {
          sourceId: ctx.sourceId, channel: 'mailbox', externalId: externalIdFor(d.messageId), status: 'received',
          subject: letter.subject.slice(0, 500) || null, text: ticketText(letter), address: null,
          receivedAt: receivedAtOf(letter, ctx.now), urgency: 'normal', confidential: false, messageId: d.messageId.slice(0, 500),
          imported: false, repeatCount: 0, returnCount: 0, extensionCount: 0, reopenCount: 0, version: 1,
        };
      });
      await insertRows(m, 'tickets', values);
    }
    const after = await find();
    for (const t of after) {
      const d = ticketDrafts.find((x) => externalIdFor(x.messageId) === t.externalId);
      if (!d) continue;
      ticketIdByMessage.set(d.messageId, t.id);
      if (!before.has(t.externalId)) createdIds.add(t.id);
    }

    const requesters: Array<Partial<RequesterEntity>> = [];
    const events: Array<Partial<TicketEventEntity>> = [];
    for (const d of fresh) {
      const id = ticketIdByMessage.get(d.messageId);
      if (!id) continue;
      const letter = (d.outcome as { letter: ParsedLetter }).letter;
      const r = requesterOf(letter);
      if (r.name || r.email) requesters.push({ name: r.name, email: r.email, phone: null, idNumber: null, address: null, originTicketId: id });
      events.push(eventRow(id, 'received', SYSTEM_ACTOR, receivedAtOf(letter, ctx.now), { toStatus: 'received', data: { channel: 'mailbox', source: ctx.sourceName } }));
    }
    if (requesters.length) {
      await insertRows(m, 'requesters', requesters);
      await m.query(
        `UPDATE tickets SET requesterId = (SELECT r.id FROM requesters r WHERE r.originTicketId = tickets.id ORDER BY r.id LIMIT 1)
         WHERE id IN (${requesters.map(() => '?').join(',')}) AND requesterId IS NULL`,
        requesters.map((r) => r.originTicketId),
      );
    }
    if (events.length) await insertRows(m, 'ticket_events', events);
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
  if (inserts.length) {
    await insertRows(m, 'intake_items', inserts.map(({ d, ticketId, status, reason }) => ({
      kind: 'mail', sourceName: ctx.sourceName, mailbox: d.mailbox, folder: d.folder, uidValidity: d.uidValidity, uid: d.uid,
      messageId: d.messageId.slice(0, 500), rawPath: d.raw.path, sha256: d.raw.sha256, size: d.raw.size, status, reason, ticketId,
      attempts: d.attempts, summary: summaryOf(d),
    })));
  }
  for (const { d, ticketId, status, reason } of rows) {
    if (d.existingId === undefined) continue;
    await m.getRepository(IntakeItemEntity).update(d.existingId, { status, reason, ticketId, attempts: d.attempts, summary: summaryOf(d) as never });
  }

  const idByMessage = new Map<string, number>();
  for (const r of rows) if (r.d.existingId !== undefined) idByMessage.set(r.d.messageId, r.d.existingId);
  const needIds = inserts;
  if (needIds.length) {
    const mailbox = drafts[0].mailbox;
    const found = await m.getRepository(IntakeItemEntity).find({
      where: { mailbox, messageId: In(needIds.map((r) => r.d.messageId.slice(0, 500))) }, select: ['id', 'messageId'],
    });
    for (const f of found) if (f.messageId) idByMessage.set(f.messageId, f.id);
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
