import type { NewRequester } from '@hub/database';
import type { Actor, Channel, Urgency } from '@hub/domain';

/** Bytes kept in the raw archive (path relative to HUB_DATA_DIR), before anything was decided about them. */
export interface ArchivedRaw {
  path: string;
  sha256: string;
  size: number;
}

/** A file that came with an item, stored content-addressed under HUB_DATA_DIR. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Relative to HUB_DATA_DIR; null when over the size limit. */
  path: string | null;
  tooLarge: boolean;
}

/**
 * An item with bytes of its own (a letter, a form post): recorded as an intake item, so it can be
 * found, counted and run again from its raw bytes after a parser fix.
 */
export interface KeptItem {
  kind: 'mail' | 'http';
  archived: ArchivedRaw;
  /** Where a letter sits on the server. Its Message-ID, or its UID within one UIDVALIDITY, is the duplicate key of letters. */
  letter?: { mailbox: string; folder: string; uidValidity: string | null; uid: number | null };
  /** What the intake list shows of the item (sender, subject, repairs made...). */
  summary?: Record<string, unknown> | null;
  /** An item already recorded, run again (after a fix): updated instead of added, if it is still in `status`. */
  rerunOf?: { intakeItemId: number; status: string; attempts: number };
}

/** A row of an export file: the file is archived and recorded with its import, rows have no item each. */
export interface ExportFileRow {
  kind: 'export_file';
  importFileId: number;
}

/** What becomes of a draft. */
export type IntakeDisposition =
  /**
   * A new ticket. When its (source, external id) is already a ticket's, nothing new is made: with
   * `knownTicketReason` the item is still recorded against that ticket, with that reason; without
   * it the draft only counts as a duplicate.
   */
  | { kind: 'ticket'; knownTicketReason?: string }
  /** A requester's answer on a ticket that is being handled: an event on its timeline. */
  | { kind: 'reply'; ticketId: number; via: string }
  /** Kept and recorded, never a ticket (auto-replies, bounces). */
  | { kind: 'ignored'; reason: string; code: string }
  /** Could not be read; kept for a re-run after a fix. */
  | { kind: 'quarantined'; reason: string; code: string };

/**
 * One thing that came in, from any channel, as every channel hands it to record-intake. A channel
 * archives its raw input first, then turns it into drafts; record-intake does the rest.
 */
export interface IntakeDraft {
  channel: Channel;
  /** The line, mailbox or web source it came through (市长公开电话, 市长信箱, 网上信访): made on first sight. */
  source: string;
  /** Its id in the sending system (call-centre 工单编号, a letter's Message-ID, a form's id): one ticket per source and id. */
  externalId?: string | null;
  /** A letter's Message-ID (answers are threaded by it). */
  messageId?: string | null;
  receivedAt: Date;
  subject?: string | null;
  text: string;
  address?: string | null;
  requester?: NewRequester | null;
  /** The reply deadline the sending system set (an upstream platform's work order): the lead unit's reply limit. */
  externalDueAt?: Date | null;
  /** As the channel gives it (an export's 紧急程度 column); classification may still raise it. */
  urgency?: Urgency;
  confidential?: boolean;
  /** Who recorded it (an operator typing in a call); default the system. */
  recordedBy?: Actor;
  /** Where the original is kept. */
  raw: KeptItem | ExportFileRow;
  attachments?: StoredAttachment[];
  /** Default: a new ticket. */
  disposition?: IntakeDisposition;
  /** The city (cities.yaml) the channel is bound to: the ticket is numbered with its prefix and held by its desk. */
  city?: string | null;
}

/** What became of one draft. */
export interface RecordedIntake {
  /** `duplicate`: recorded before (nothing written); `unchanged`: a re-run of an item someone else re-ran first. */
  status: 'ticketed' | 'threaded' | 'ignored' | 'quarantined' | 'duplicate' | 'unchanged';
  /** The ticket made, joined or already holding the draft's key. */
  ticketId: number | null;
  /** Null for export rows, and where the database does not report ids of a bulk insert. */
  intakeItemId: number | null;
  /** A new ticket was made for it. */
  created: boolean;
  /** The new ticket's 查询码, shown once (only its hash is kept); null when no ticket was made. */
  lookupCode?: string | null;
}
