import type { MailboxConfig } from '@hub/config';

/** What SELECT tells us about a folder. UIDVALIDITY as a decimal string (it is a 32-bit unsigned). */
export interface FolderStatus {
  uidValidity: string;
  uidNext: number;
  exists: number;
}

export interface MessageMeta {
  uid: number;
  size: number;
}

export interface FetchedMessage {
  uid: number;
  source: Buffer;
}

/** One logged-in IMAP connection with the mailbox's folder selected. */
export interface ImapSession {
  openFolder(folder: string): Promise<FolderStatus>;
  /** Messages with UID >= fromUid, ascending, with their sizes (no bodies). */
  listFrom(fromUid: number): Promise<MessageMeta[]>;
  /** UIDs in [1, toUid] that are still in the folder; `unseenOnly` limits to those without \Seen. */
  searchUpTo(toUid: number, opts: { unseenOnly: boolean }): Promise<number[]>;
  fetch(uids: number[]): Promise<FetchedMessage[]>;
  markSeen(uids: number[]): Promise<void>;
  move(uids: number[], folder: string): Promise<void>;
  close(): Promise<void>;
}

/** A long-lived connection that reports new mail (IMAP IDLE). */
export interface MailboxWatch {
  stop(): Promise<void>;
}

export interface WatchHandlers {
  /** New mail arrived in the folder. */
  onMail(): void;
  /** The watch connection failed; it reconnects by itself with back-off. */
  onError?(error: MailboxConnectError): void;
  /** The watch is connected and idling (again). */
  onReady?(): void;
}

/** The IMAP port: the sync logic talks to this, the imapflow adapter implements it. */
export interface ImapConnector {
  connect(mailbox: MailboxConfig): Promise<ImapSession>;
  watch(mailbox: MailboxConfig, handlers: WatchHandlers): MailboxWatch;
}

export type MailboxFailureKind = 'auth' | 'connect' | 'tls' | 'timeout' | 'folder' | 'protocol';

/** An IMAP failure, with a message that names the setting to check. */
export class MailboxConnectError extends Error {
  override readonly name = 'MailboxConnectError';
  constructor(
    readonly mailbox: string,
    readonly kind: MailboxFailureKind,
    message: string,
    readonly causeCode: string | null = null,
  ) {
    super(message);
  }
}

/** `1:5,7,9:12` from a list of UIDs: keeps STORE / MOVE / FETCH commands short. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}:${sorted[i]}`);
  }
  return parts.join(',');
}
