import { createHash } from 'crypto';
import type { AddressObject } from 'mailparser';
import { findTicketNumber } from '@hub/domain';
import { classifyAutomated } from './classify-automated';
import { LetterParseError } from './letter-parse-error';
import { inspectMime, MAX_MIME_PARTS } from './mime-repair';
import type { LetterAttachment, MailAddress, ParseLetterOptions, ParsedLetter } from './parsed-letter';
import { htmlToPlainText } from './letter-html';
import { type MailParts, parseWithPostalMime } from './postal-parse';
import { tnefFiles } from './tnef';

/**
 * Turns one raw message into a letter. Throws LetterParseError when it is not a readable message;
 * the caller then quarantines the raw bytes with the error's reason.
 */
export async function parseLetter(raw: Buffer, opts: ParseLetterOptions): Promise<ParsedLetter> {
  return parseLevel(raw, opts, 0);
}

/**
 * How every letter is handed to mailparser (HTML is turned into text by letter-html, not here).
 * Its limit of 1,000 MIME nodes quarantined letters with many photos; mime-repair now keeps the
 * first MAX_MIME_PARTS of a letter, and this leaves room for the parts of forwarded letters inside them.
 */
export const MAILPARSER_OPTIONS = {
  checksumAlgo: 'sha256',
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepDeliveryStatus: true,
  maxChildNodes: 10 * MAX_MIME_PARTS,
} as const;

/** mailparser, loaded the first time a letter needs it (a poll of everyday letters, or of none, starts without it). */
const mailparser = (): Promise<typeof import('mailparser')> => import('mailparser');

/** Forwarded letters (message/rfc822 parts) read into the text this many levels deep. */
const MAX_FORWARD_DEPTH = 2;

async function parseLevel(raw: Buffer, opts: ParseLetterOptions, depth: number): Promise<ParsedLetter> {
  const mime = inspectMime(raw);
  let mail: MailParts;
  try {
    mail =
      mime.everyday && !opts.mailparserOnly
        ? await parseWithPostalMime(mime.raw, mime.bodies.has('text/plain'))
        : await (await mailparser()).simpleParser(mime.raw, MAILPARSER_OPTIONS);
  } catch (e) {
    throw new LetterParseError('parser_failed', `邮件解析失败：${(e as Error).message}`);
  }

  const html = typeof mail.html === 'string' && mail.html.trim() ? mail.html : null;
  let text = stripPgpClearsign(normaliseText(mail.text ?? ''));
  if (html) text = preferHtmlText(text, withoutControls(htmlToPlainText(html)));
  if (mime.omittedParts) text = [text, omittedNote(mime.omittedParts)].filter(Boolean).join('\n\n');
  // A signed letter's signature (smime.p7s, signature.asc) is no file a unit can use; the raw letter keeps it.
  const attachments = mail.attachments
    .filter((a) => !SIGNATURE_TYPES.has(a.contentType.toLowerCase()))
    .flatMap((a, i) => unpackTnef(toAttachment(a, i, opts.maxAttachmentBytes), opts.maxAttachmentBytes));
  // A letter forwarded as a whole (a web form or another office passing a citizen's mail on): its
  // text is the matter, so it goes into the ticket's text too; the .eml stays an attachment.
  if (depth < MAX_FORWARD_DEPTH) {
    for (const a of attachments) {
      if (a.contentType.toLowerCase() !== 'message/rfc822' || !a.content) continue;
      const inner = await parseLevel(a.content, opts, depth + 1).catch(() => null);
      if (inner) text = [text, forwardedText(inner)].filter(Boolean).join('\n\n');
    }
  }
  if (mime.contentType.startsWith('multipart/') && !text && !html && attachments.length === 0) {
    throw new LetterParseError('truncated_mime', '邮件是多段格式，但没有任何可读的正文或附件：邮件被截断或损坏');
  }

  const declaredId = normaliseMessageId(mail.messageId ?? '');
  const from = firstAddress(mail.from);
  const subject = withoutControls(mail.subject ?? '').trim();
  const dateHeader = mime.headers.has('date');
  const date = dateHeader && mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;

  return {
    messageId: declaredId ?? `<${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@synthetic.hub>`,
    messageIdSynthetic: declaredId === null,
    from,
    replyTo: firstAddress(mail.replyTo),
    to: allAddresses(mail.to),
    subject,
    date,
    text,
    html: html && withoutControls(html),
    inReplyTo: extractIds(mail.inReplyTo)[0] ?? null,
    references: extractIds(mail.references),
    ticketNumber: findTicketNumber(opts.ticketPrefix, subject),
    attachments,
    ignore: classifyAutomated(
      { headers: mime.headers, from, subject, contentType: mime.contentType, contentTypeParams: mime.contentTypeParams, text },
      { ownAddresses: opts.ownAddresses },
    ),
    headers: mime.headers,
    repairs: mime.repairs,
  };
}

/**
 * The Message-ID header straight from the raw bytes (unfolded, as written), or null: known even
 * when the message cannot be parsed, without asking the IMAP server for the envelope.
 */
export function headerMessageId(raw: Buffer): string | null {
  const limit = Math.min(raw.length, 256 * 1024);
  let end = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) end = lf;
  const head = raw.subarray(0, end < 0 || end > limit ? limit : end).toString('latin1');
  const m = /(?:^|\n)message-id[ \t]*:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/i.exec(head);
  const value = m?.[1].replace(/\r?\n[ \t]/g, ' ').trim();
  return value || null;
}

/** `<id@host>`, whitespace removed; null when the header is missing or empty. */
export function normaliseMessageId(value: string): string | null {
  const ids = extractIds(value);
  if (ids.length) return ids[0];
  const bare = value.replace(/[\s<>]/g, '');
  return bare ? `<${bare}>` : null;
}

function extractIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const found = joined.match(/<[^<>]+>/g);
  if (found) return found.map((id) => id.replace(/\s+/g, ''));
  return joined
    .split(/[\s,]+/)
    .filter((s) => s.includes('@'))
    .map((s) => `<${s}>`);
}

function flatten(obj: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  const visit = (list: Array<{ name?: string; address?: string; group?: unknown[] }>) => {
    for (const a of list) {
      if (a.group) {
        visit(a.group as typeof list);
        continue;
      }
      // A sender known only by name (From: 王大爷) is still the letter's writer: kept with no address.
      const raw = withoutControls(a.address ?? '').trim();
      const address = raw.includes('@') ? raw : '';
      const name = withoutControls(a.name ?? '').trim() || (address ? '' : raw);
      if (address || name) out.push({ name, address });
    }
  };
  for (const o of obj ? (Array.isArray(obj) ? obj : [obj]) : []) visit(o.value);
  return out;
}

const firstAddress = (obj: AddressObject | AddressObject[] | undefined): MailAddress | null => flatten(obj)[0] ?? null;
const allAddresses = flatten;

function toAttachment(a: MailParts['attachments'][number], index: number, max: number): LetterAttachment {
  const tooLarge = a.size > max;
  const type = a.contentType.toLowerCase();
  const ext = EXTENSION_BY_TYPE[type] ?? (type.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin');
  return {
    filename: withoutControls(a.filename ?? '').trim() || `附件${index + 1}.${ext}`,
    contentType: a.contentType,
    size: a.size,
    sha256: a.checksum || createHash('sha256').update(a.content).digest('hex'),
    content: tooLarge ? null : a.content,
    tooLarge,
    inline: a.contentDisposition === 'inline' || a.related === true,
    contentId: a.contentId ?? null,
  };
}

const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature', 'application/pgp-signature']);
/** For parts without a file name: an extension a unit's computer opens (附件1.ics, not 附件1.calendar). */
const EXTENSION_BY_TYPE: Record<string, string> = {
  'message/rfc822': 'eml',
  'text/calendar': 'ics',
  'text/plain': 'txt',
  'image/jpeg': 'jpg',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
};
const TNEF_TYPES = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);
const TYPE_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

/** Outlook's winmail.dat becomes the files it carries (kept as it is when none can be read). */
function unpackTnef(a: LetterAttachment, max: number): LetterAttachment[] {
  const tnef = TNEF_TYPES.has(a.contentType.toLowerCase()) || a.filename.toLowerCase() === 'winmail.dat';
  const files = tnef && a.content ? tnefFiles(a.content) : [];
  if (!files.length) return [a];
  return files.map((f) => ({
    filename: f.filename,
    contentType: TYPE_BY_EXTENSION[f.filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream',
    size: f.content.length,
    sha256: createHash('sha256').update(f.content).digest('hex'),
    content: f.content.length > max ? null : f.content,
    tooLarge: f.content.length > max,
    inline: false,
    contentId: null,
  }));
}

function forwardedText(l: ParsedLetter): string {
  const who = l.from ? (l.from.name && l.from.address ? `${l.from.name} <${l.from.address}>` : l.from.name || l.from.address) : null;
  return ['—— 转来的原信 ——', ...(who ? [`发件人：${who}`] : []), ...(l.subject ? [`主题：${l.subject}`] : []), '', l.text].join('\n').trim();
}

/**
 * The plain part of multipart/alternative is often not the letter: empty, or a stub such as
 * “请查看HTML格式的邮件” / “此邮件为HTML格式……” from mail clients and web-form mailers, while the
 * HTML part holds the matter. The HTML's text is taken when it is far longer, or when the plain
 * part is a short note about viewing HTML that the HTML does not contain; a plain part that mirrors
 * the HTML is kept as the sender wrote it.
 */
function preferHtmlText(plain: string, fromHtml: string): string {
  const compact = (s: string) => s.replace(/[\s\p{P}\p{S}]+/gu, '');
  const p = compact(plain);
  const h = compact(fromHtml);
  if (!h) return plain;
  if (!p) return fromHtml;
  if (h.length > 2 * p.length + 10) return fromHtml;
  return !h.includes(p) && p.length < 100 && /html|超文本|网页|客户端|浏览器|查看/i.test(p) ? fromHtml : plain;
}

/** A PGP clear-signed letter: the signed text, without the armour lines and the signature block. */
function stripPgpClearsign(text: string): string {
  const m =
    /^-----BEGIN PGP SIGNED MESSAGE-----\n(?:[A-Za-z-]+:[^\n]*\n)*\n?([\s\S]*?)\n-----BEGIN PGP SIGNATURE-----\n[\s\S]*?-----END PGP SIGNATURE-----\s*$/.exec(
      text,
    );
  return m ? m[1].replace(/^- /gm, '').trim() : text;
}

/**
 * NUL and the other control characters (but tab and line breaks) are no part of what a citizen wrote:
 * a web form padding a C string, a paste from a PDF. Left in, they cut the text short in SQLite,
 * in the console and in mail to units.
 */
function withoutControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function omittedNote(n: number): string {
  return `（本信另有 ${n} 个部分（附件等）超出单封信件可拆分的 ${MAX_MIME_PARTS} 个，未单独列出；原始邮件完整保存在系统中，可由管理员调阅。）`;
}

function normaliseText(text: string): string {
  return withoutControls(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
