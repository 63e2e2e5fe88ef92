import type { IntakeItemRepository, IntakeTicketRepository } from '@hub/database';
import type { IntakeDraft } from '../../intake-draft';

/** One draft on its way through a transaction. */
export interface DraftWork {
  draft: IntakeDraft;
  sourceId: number;
  /** Decided before anything is written: such a draft is written nowhere. */
  skip: 'duplicate' | 'unchanged' | null;
  ticketId: number | null;
  created: boolean;
  reason: string | null;
  intakeItemId: number | null;
  /** An earlier draft of the same batch with the same ticket key: this one gets that one's ticket. */
  sameAs: DraftWork | null;
  /** The unit of the draft's city (a channel bound to a city), or null. */
  cityUnitId?: number | null;
}

const ticketKey = (w: DraftWork) => `${w.sourceId}\u0000${w.draft.externalId}`;

/**
 * Letters recorded before in their mailbox (same Message-ID, or same UID in the same UIDVALIDITY),
 * and repeats of one Message-ID within the batch, are duplicates: one query per mailbox.
 */
export async function skipRecordedLetters(items: IntakeItemRepository, works: DraftWork[]): Promise<void> {
  const byFolder = new Map<string, DraftWork[]>();
  for (const w of works) {
    const raw = w.draft.raw;
    if (w.skip || raw.kind !== 'mail' || !raw.letter || raw.rerunOf || !w.draft.messageId) continue;
    const k = `${raw.letter.mailbox}\u0000${raw.letter.uidValidity}`;
    const group = byFolder.get(k);
    if (group) group.push(w);
    else byFolder.set(k, [w]);
  }
  for (const group of byFolder.values()) {
    const { mailbox, uidValidity } = (group[0].draft.raw as { letter: { mailbox: string; uidValidity: string | null } }).letter;
    const uidOf = (w: DraftWork) => (w.draft.raw.kind === 'mail' ? (w.draft.raw.letter?.uid ?? null) : null);
    const uids = uidValidity === null ? [] : group.map(uidOf).filter((u): u is number => u !== null);
    const rows = await items.findLetters(
      mailbox,
      group.map((w) => w.draft.messageId as string),
      uidValidity,
      uids,
    );
    const known = new Set(rows.map((r) => r.messageId).filter(Boolean));
    const knownUids = new Set(rows.filter((r) => r.uid !== null && r.uidValidity !== null && r.uidValidity === uidValidity).map((r) => r.uid));
    for (const w of group) {
      const uid = uidOf(w);
      if (known.has(w.draft.messageId as string) || (uid !== null && knownUids.has(uid))) {
        w.skip = 'duplicate';
        continue;
      }
      known.add(w.draft.messageId as string);
    }
  }
}

/**
 * Drafts for new tickets whose (source, external id) is already a ticket's, or an earlier draft's
 * of the batch: they get that ticket (recorded against it when their disposition says so), or are
 * duplicates. One query.
 */
export async function settleTicketKeys(tickets: IntakeTicketRepository, works: DraftWork[]): Promise<void> {
  const first = new Map<string, DraftWork>();
  const keyed: DraftWork[] = [];
  for (const w of works) {
    if (w.skip || (w.draft.disposition?.kind ?? 'ticket') !== 'ticket' || !w.draft.externalId) continue;
    const earlier = first.get(ticketKey(w));
    if (earlier) {
      w.sameAs = earlier;
      if (!knownTicketReason(w)) w.skip = 'duplicate';
      continue;
    }
    first.set(ticketKey(w), w);
    keyed.push(w);
  }
  if (!keyed.length) return;
  const existing = await tickets.findByKeys(keyed.map((w) => ({ sourceId: w.sourceId, externalId: w.draft.externalId as string })));
  const idByKey = new Map(existing.map((t) => [`${t.sourceId}\u0000${t.externalId}`, t.id]));
  for (const w of keyed) {
    const id = idByKey.get(ticketKey(w));
    if (id === undefined) continue;
    w.ticketId = id;
    const reason = knownTicketReason(w);
    if (reason) w.reason = reason;
    else w.skip = 'duplicate';
  }
}

function knownTicketReason(w: DraftWork): string | undefined {
  const d = w.draft.disposition;
  return d?.kind === 'ticket' ? d.knownTicketReason : undefined;
}
