import {
  INTAKE_ATTACHMENTS,
  INTAKE_ITEMS,
  INTAKE_TICKETS,
  type IntakeItemStatus,
  type NewAttachment,
  type NewIntakeItem,
  type NewTicket,
  TICKET_EVENTS,
  type Transaction,
} from '@hub/database';
import { classifyJobs } from '@hub/queue';
import { SYSTEM_ACTOR } from '@hub/tickets';
import type { KeptItem, RecordedIntake } from '../../intake-draft';
import { type DraftWork, settleTicketKeys, skipRecordedLetters } from './duplicate-keys';
import { draftPrefix, giveLookupCodes, queueReceipts, type ReceiptSettings } from './receipts';

/**
 * One batch in one transaction, in the order every channel shares: re-runs claimed, duplicates
 * set aside, tickets (with requesters and first events), replies, intake items, attachments;
 * classification of the tickets queued for after the commit.
 */
export async function recordBatch(tx: Transaction, works: DraftWork[], receipts: ReceiptSettings): Promise<RecordedIntake[]> {
  const items = tx.get(INTAKE_ITEMS);
  for (const w of works) {
    const rerun = keptItem(w)?.rerunOf;
    // Claims the item: a second re-run of it at the same time finds nothing to do.
    if (rerun && !(await items.claimForRerun(rerun.intakeItemId, rerun.status))) w.skip = 'unchanged';
  }
  await skipRecordedLetters(items, works);
  await settleTicketKeys(tx.get(INTAKE_TICKETS), works);
  const live = works.filter((w) => !w.skip);

  const fresh = live.filter((w) => (w.draft.disposition?.kind ?? 'ticket') === 'ticket' && w.ticketId === null && !w.sameAs);
  const codes = giveLookupCodes(fresh);
  // A hotline export's rows: their lookup rows are written after the commit (a quarter of the import's time otherwise).
  const indexLater = fresh.length > 0 && fresh.every((w) => w.draft.raw.kind === 'export_file');
  const ids = await tx.get(INTAKE_TICKETS).createMany(
    fresh.map((w) => ({ ...newTicket(w, receipts), lookupCodeHash: codes.get(w)?.hash ?? null })),
    { indexLater },
  );
  // Redis away: the search sweep finds the tickets without a lookup row.
  if (indexLater) tx.enqueue('ticket-search-index', { ticketIds: [...ids].sort((a, b) => a - b) });
  fresh.forEach((w, j) => Object.assign(w, { ticketId: ids[j], created: true }));
  await queueReceipts(
    tx,
    fresh.map((w) => ({ w, code: codes.get(w)?.code as string })),
    receipts,
  );
  for (const w of works) {
    if (!w.sameAs) continue;
    w.ticketId = w.sameAs.ticketId;
    if (!w.skip && !w.sameAs.created) w.reason = w.sameAs.reason;
  }

  for (const w of live) await recordReply(tx, w);
  await recordItems(tx, live);
  await recordAttachments(tx, live);

  const ticketed = live.filter((w) => statusOf(w) === 'ticketed' && w.ticketId !== null).map((w) => w.ticketId as number);
  const classify = [...new Set(ticketed)].sort((a, b) => a - b);
  // Redis away: the triage sweep finds the tickets still `received` and queues them again.
  for (const job of classifyJobs(classify, indexLater)) tx.enqueue('ticket-classify', job);

  return works.map((w) => {
    const code = codes.get(w)?.code;
    return { status: w.skip ?? statusOf(w), ticketId: w.ticketId, intakeItemId: w.intakeItemId, created: w.created, ...(code ? { lookupCode: code } : {}) };
  });
}

const keptItem = (w: DraftWork): KeptItem | null => (w.draft.raw.kind === 'export_file' ? null : w.draft.raw);

function statusOf(w: DraftWork): IntakeItemStatus {
  const kind = w.draft.disposition?.kind ?? 'ticket';
  return kind === 'ticket' ? 'ticketed' : kind === 'reply' ? 'threaded' : kind;
}

function newTicket(w: DraftWork, receipts: ReceiptSettings): NewTicket {
  const d = w.draft;
  const city = w.cityUnitId ? { cityUnitId: w.cityUnitId, numberPrefix: draftPrefix(receipts, d.city) } : {};
  return {
    sourceId: w.sourceId,
    channel: d.channel,
    externalId: d.externalId ?? null,
    externalDueAt: d.externalDueAt ?? null,
    subject: d.subject ?? null,
    text: d.text,
    address: d.address ?? null,
    receivedAt: d.receivedAt,
    urgency: d.urgency,
    confidential: d.confidential,
    messageId: d.messageId ?? null,
    requester: d.requester ?? null,
    recordedBy: d.recordedBy ?? SYSTEM_ACTOR,
    ...city,
    ...(d.desk ? { deskUnitId: d.desk } : {}),
  };
}

/** A requester's answer on a ticket being handled: an event on its timeline, with the text and the files' names. */
async function recordReply(tx: Transaction, w: DraftWork): Promise<void> {
  const d = w.draft;
  if (d.disposition?.kind !== 'reply') return;
  w.ticketId = d.disposition.ticketId;
  const by = d.requester?.name ?? d.requester?.email ?? '来信人';
  await tx.get(TICKET_EVENTS).record({
    ticketId: d.disposition.ticketId,
    type: 'requester_reply',
    actor: { kind: 'requester', id: null, name: by.slice(0, 100) },
    at: d.receivedAt,
    data: {
      messageId: d.messageId,
      subject: d.subject,
      from: d.requester?.email ?? null,
      via: d.disposition.via,
      text: d.text,
      attachments: (d.attachments ?? []).map((a) => a.filename),
    },
  });
}

function reasonOf(w: DraftWork): string | null {
  const d = w.draft.disposition;
  return d?.kind === 'ignored' || d?.kind === 'quarantined' ? d.reason : w.reason;
}

async function recordItems(tx: Transaction, works: DraftWork[]): Promise<void> {
  const items = tx.get(INTAKE_ITEMS);
  const inserts = works.filter((w) => keptItem(w) && !keptItem(w)?.rerunOf);
  if (inserts.length) {
    const ids = await items.addMany(inserts.map((w) => itemRow(w, keptItem(w) as KeptItem)));
    if (ids) inserts.forEach((w, j) => (w.intakeItemId = ids[j]));
    else {
      // Ids not reported (SQLite, interleaved auto-increments): read back where attachments need them.
      const letters = inserts.filter((w) => w.draft.attachments?.length && keptItem(w)?.letter && w.draft.messageId);
      for (const mailbox of new Set(letters.map((w) => keptItem(w)?.letter?.mailbox as string))) {
        const found = await items.idsOfLetters(
          mailbox,
          letters.map((w) => (w.draft.messageId as string).slice(0, 500)),
        );
        for (const w of letters) if (keptItem(w)?.letter?.mailbox === mailbox) w.intakeItemId = found.get((w.draft.messageId as string).slice(0, 500)) ?? null;
      }
    }
  }
  for (const w of works) {
    const rerun = keptItem(w)?.rerunOf;
    if (!rerun) continue;
    w.intakeItemId = rerun.intakeItemId;
    await items.setOutcome(rerun.intakeItemId, {
      status: statusOf(w),
      reason: reasonOf(w),
      ticketId: w.ticketId,
      attempts: rerun.attempts + 1,
      summary: keptItem(w)?.summary ?? null,
    });
  }
}

function itemRow(w: DraftWork, raw: KeptItem): NewIntakeItem {
  return {
    kind: raw.kind,
    sourceName: w.draft.source,
    mailbox: raw.letter?.mailbox ?? null,
    folder: raw.letter?.folder ?? null,
    uidValidity: raw.letter?.uidValidity ?? null,
    uid: raw.letter?.uid ?? null,
    messageId: w.draft.messageId?.slice(0, 500) ?? null,
    rawPath: raw.archived.path,
    sha256: raw.archived.sha256,
    size: raw.archived.size,
    status: statusOf(w),
    reason: reasonOf(w),
    ticketId: w.ticketId,
    attempts: 1,
    summary: raw.summary ?? null,
  };
}

async function recordAttachments(tx: Transaction, works: DraftWork[]): Promise<void> {
  const rows: NewAttachment[] = works.flatMap((w) =>
    (w.draft.attachments ?? []).map((a) => ({
      ticketId: w.ticketId,
      intakeItemId: w.intakeItemId,
      filename: a.filename.slice(0, 300),
      contentType: a.contentType.slice(0, 150),
      size: a.size,
      sha256: a.sha256,
      path: a.path,
      tooLarge: a.tooLarge,
    })),
  );
  if (!rows.length) return;
  const attachments = tx.get(INTAKE_ATTACHMENTS);
  await attachments.removeForItems(works.map((w) => keptItem(w)?.rerunOf?.intakeItemId).filter((id): id is number => id !== undefined));
  await attachments.addMany(rows);
}
