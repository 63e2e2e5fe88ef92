import type { IgnoreReason } from './classify-automated';

export interface MailAddress {
  name: string;
  /** Empty when the header gives a name only (From: 王大爷). */
  address: string;
}

export interface LetterAttachment {
  /** Decoded file name (RFC 2231 / RFC 2047 / 8-bit GBK); a generated one when the part has none. */
  filename: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the decoded content: content-addressed storage key. */
  sha256: string;
  /** The decoded bytes, or null when `tooLarge`. */
  content: Buffer | null;
  tooLarge: boolean;
  /** `inline` parts (e.g. images in an HTML body) vs real attachments. */
  inline: boolean;
  contentId: string | null;
}

export interface ParsedLetter {
  /** `<id@host>`; synthesised from the raw bytes' hash when the message has none (see `messageIdSynthetic`). */
  messageId: string;
  messageIdSynthetic: boolean;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  subject: string;
  /** The Date header; null when missing or unreadable (use the time it was received). */
  date: Date | null;
  /** Plain text: the text part, or the HTML body turned into readable text. */
  text: string;
  /** The original HTML body for display (sanitise before showing), or null. */
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  /** A ticket number quoted in the subject, e.g. QH20250302-000123. */
  ticketNumber: string | null;
  attachments: LetterAttachment[];
  /** Set for auto-replies, bounces and our own mail: never a ticket. */
  ignore: IgnoreReason | null;
  /** Root headers, lower-case names, unfolded values. */
  headers: Map<string, string[]>;
  /** Repairs made to decode the message (undeclared GBK etc.), for the log. */
  repairs: string[];
}

export interface ParseLetterOptions {
  /** Attachments larger than this keep their metadata but not their content. */
  maxAttachmentBytes: number;
  /** Ticket number prefix, e.g. `QH`. */
  ticketPrefix: string;
  /** The mailbox's own addresses (mail from them is ignored as a loop). */
  ownAddresses?: readonly string[];
  /** Every letter through mailparser, also the everyday ones postal-mime reads faster (comparisons, benches). */
  mailparserOnly?: boolean;
}
