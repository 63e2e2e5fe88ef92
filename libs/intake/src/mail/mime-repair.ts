/**
 * A byte-level pass over a raw message before mailparser sees it. mailparser decodes what is
 * declared; Chinese mail often declares nothing: raw 8-bit GBK in headers (shown as mojibake) and
 * text parts without a charset (decoded as UTF-8 with replacement characters). This pass walks the
 * MIME tree on the bytes, re-encodes non-UTF-8 header blocks from GB18030 to UTF-8 and labels
 * undeclared (or falsely "utf-8"/"us-ascii") non-UTF-8 text parts as GB18030, and the reverse:
 * UTF-8 text and encoded words labelled GB2312/GBK (web forms that send UTF-8 under an old label)
 * as UTF-8. It also refuses
 * messages that are not mail at all, with a reason a person can act on.
 */
import { isUtf8 } from 'buffer';
import * as iconv from 'iconv-lite';
import { charsetFamily, decoderKnows } from './charset-aliases';
import { relabelAliases, relabelUtf8Words, surelyUtf8, transcodeSevenBitWords } from './header-charsets';
import { LetterParseError } from './letter-parse-error';
import { applyEdits, Edit, encodeWords, replaceBodyWithUtf8, setCharset } from './mime-edits';
import { decodeTransfer, findHeaderEnd, parseContentType, parseHeaderBlock, splitMultipart } from './mime-structure';
import { utf8WithStrayBytes, withoutStrayBytes } from './utf8-scan';
import { decodeSevenBitChinese, sevenBitChinese } from './seven-bit-chinese';
import { noteEveryday } from './everyday-letter';

export interface MimeInspection {
  /** The message to hand to mailparser (the input itself when nothing needed repair). */
  raw: Buffer;
  /** Root headers, lower-case names, unfolded values (8-bit text decoded; encoded words left as they are). */
  headers: Map<string, string[]>;
  /** Root content type, lower case, e.g. `multipart/report`. */
  contentType: string;
  contentTypeParams: Record<string, string>;
  /** What was repaired, for the log: e.g. `8-bit GB18030 headers`, `undeclared charset -> gb18030`. */
  repairs: string[];
  /** Parts past MAX_MIME_PARTS, left out of `raw` (the archived original keeps them). */
  omittedParts: number;
  /**
   * An everyday letter: nothing repaired, at most one plain and one HTML body in UTF-8 or a GB
   * charset, the rest files (no forwarded mail, reports, signatures, TNEF, calendar or flowed
   * text). Such a letter may go to the faster parser (postal-mime); every other to mailparser.
   */
  everyday: boolean;
  /** The body parts the letter has (text/plain, text/html). */
  bodies: ReadonlySet<string>;
}

/**
 * The most MIME parts of one letter that become the ticket's text and attachments. A citizen's
 * letter with a thousand photos is still a letter; past this many, the rest stay in the raw letter
 * (archived whole) and the ticket says so, instead of the letter being quarantined.
 */
export const MAX_MIME_PARTS = 2000;

interface Walk {
  edits: Edit[];
  repairs: string[];
  partsLeft: number;
  omitted: number;
  /** Body parts seen (text/plain, text/html) and whether anything fell outside the everyday letter. */
  bodies: Set<string>;
  unusual: boolean;
}

const KNOWN_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'received',
  'mime-version',
  'content-type',
  'sender',
  'return-path',
  'reply-to',
]);
// Charsets under which undeclared or mislabelled Chinese text hides; others are trusted as declared.
const WEAK_CHARSETS = new Set(['', 'us-ascii', 'ascii', 'utf-8', 'utf8']);
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

export function inspectMime(input: Buffer): MimeInspection {
  if (input.length === 0 || input.toString('latin1').trim() === '') {
    throw new LetterParseError('empty', '邮件内容为空（0 字节或只有空白），无法解析');
  }
  let raw = input;
  const repairs: string[] = [];
  // An mbox "From " separator line is not a header; drop it.
  if (raw.subarray(0, 5).toString('latin1') === 'From ') {
    const nl = raw.indexOf(0x0a);
    raw = nl < 0 ? Buffer.alloc(0) : raw.subarray(nl + 1);
    repairs.push('mbox From_ line removed');
  }
  checkNotBinary(raw);
  const firstLine = raw.subarray(0, Math.max(0, raw.indexOf(0x0a))).toString('latin1');
  if (!HEADER_LINE.test(firstLine || raw.toString('latin1'))) {
    throw new LetterParseError('no_headers', `邮件开头没有信头（应为“名称: 值”的行，实际为“${preview(firstLine)}”），不是有效的邮件`);
  }

  const walk: Walk = { edits: [], repairs, partsLeft: MAX_MIME_PARTS, omitted: 0, bodies: new Set(), unusual: false };
  const root = walkPart(raw, 0, raw.length, 'text/plain', walk, 0);
  if (walk.omitted) repairs.push(`${walk.omitted} MIME part(s) past the first ${MAX_MIME_PARTS} left in the raw letter`);
  if (![...root.headers.keys()].some((k) => KNOWN_HEADERS.has(k))) {
    throw new LetterParseError('no_headers', '信头中没有 From、To、Subject、Date、Message-ID 等任何邮件信头，不是有效的邮件');
  }
  return {
    raw: applyEdits(raw, walk.edits),
    headers: root.headers,
    contentType: root.contentType,
    contentTypeParams: root.params,
    repairs,
    omittedParts: walk.omitted,
    everyday: !walk.unusual && !repairs.length && !walk.omitted,
    bodies: walk.bodies,
  };
}

/**
 * A NUL among the headers means binary data; in a body it is a stray byte (web forms that pad a C
 * string, copy-paste from a PDF) the parser strips from the text, as long as the bytes are mostly text.
 */
function checkNotBinary(raw: Buffer): void {
  const head = raw.subarray(0, 8192);
  const blank = /\r?\n\r?\n/.exec(head.toString('latin1'));
  const headerEnd = blank ? blank.index : head.length;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0 && i < headerEnd) {
      throw new LetterParseError('binary', '内容含有 NUL 字节，是二进制数据而不是邮件（可能是附件或损坏的文件被当作邮件保存）');
    }
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) control++;
  }
  if (control > head.length * 0.05) {
    throw new LetterParseError('binary', '内容大部分是控制字符，是二进制数据而不是邮件');
  }
}

interface PartInfo {
  headers: Map<string, string[]>;
  contentType: string;
  params: Record<string, string>;
}

function walkPart(buf: Buffer, start: number, end: number, defaultType: string, walk: Walk, depth: number): PartInfo {
  const { edits, repairs } = walk;
  const { headerEnd, bodyStart } = findHeaderEnd(buf, start, end);
  const block = buf.subarray(start, headerEnd);
  let text: string;
  let changed = false;
  if (hasHighBytes(block) && !isUtf8(block)) {
    text = iconv.decode(block, 'gb18030');
    changed = true;
    repairs.push('8-bit GB18030 headers re-encoded as UTF-8');
  } else {
    text = block.toString('utf8');
  }
  const headers = parseHeaderBlock(text);
  const relabelled = relabelUtf8Words(text);
  if (relabelled !== text) {
    text = relabelled;
    changed = true;
    repairs.push('UTF-8 encoded words labelled GB2312/GBK read as UTF-8');
  }
  const aliased = relabelAliases(text);
  if (aliased !== text) {
    text = aliased;
    changed = true;
    repairs.push('charset aliases in encoded words / parameters read by their decoder names');
  }
  const transcoded = transcodeSevenBitWords(text);
  if (transcoded !== text) {
    text = transcoded;
    changed = true;
    repairs.push('HZ / ISO-2022-CN encoded words decoded');
  }
  if (hasHighBytes(block)) {
    // Raw 8-bit header text (RFC 6532 UTF-8, or the GBK just re-encoded) goes to the parser as
    // encoded words: mailparser reads raw header bytes one by one and trims the value, which cuts
    // a trailing 0xA0 byte (the last byte of 映, 堂, 蔡... in UTF-8) and garbles the last character.
    text = encodeWords(text);
    changed = true;
  }
  const ctRaw = headers.get('content-type')?.[0];
  const { type, params } = parseContentType(ctRaw ?? defaultType);
  const contentType = ctRaw && type.includes('/') ? type : defaultType;
  const sevenBit = contentType.startsWith('text/') ? sevenBitChinese(params.charset ?? '') : null;
  noteEveryday(walk, contentType, params, headers);
  if (contentType.startsWith('multipart/') && depth >= 20) walk.unusual = true;

  if (contentType.startsWith('multipart/') && depth < 20) {
    const boundary = params.boundary;
    if (!boundary) {
      throw new LetterParseError('multipart_without_boundary', `邮件声明为 ${contentType}，但没有 boundary 参数，无法拆分正文`);
    }
    const { parts, closeAt } = splitMultipart(buf, bodyStart, end, boundary);
    if (parts.length === 0) {
      throw new LetterParseError(
        'truncated_mime',
        `邮件声明为 ${contentType}（boundary “${preview(boundary)}”），但正文里找不到任何分段：邮件被截断或损坏，没有正文`,
      );
    }
    const childDefault = contentType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (let k = 0; k < parts.length; k++) {
      if (walk.partsLeft <= 0) {
        // From this part's delimiter line to the closing one: the parser never sees them.
        edits.push({ start: parts[k].delimiterAt, end: closeAt ?? end, replacement: Buffer.alloc(0) });
        walk.omitted += parts.length - k;
        break;
      }
      walk.partsLeft--;
      walkPart(buf, parts[k].start, parts[k].end, childDefault, walk, depth + 1);
    }
  } else if (sevenBit) {
    // Decoded here and handed on as UTF-8: the parser knows neither HZ nor ISO-2022-CN.
    const cte = (headers.get('content-transfer-encoding')?.[0] ?? '').toLowerCase();
    const decoded = decodeSevenBitChinese(decodeTransfer(buf.subarray(bodyStart, end), cte), sevenBit);
    text = replaceBodyWithUtf8(text, contentType, ctRaw, Buffer.from(decoded, 'utf8'), bodyStart, end, edits);
    changed = true;
    repairs.push(`charset ${params.charset} on ${contentType} decoded to utf-8`);
  } else if (contentType.startsWith('text/')) {
    const declared = (params.charset ?? '').trim().toLowerCase();
    const known = decoderKnows(declared);
    const family = charsetFamily(declared);
    // A name no decoder knows for a charset one does (Python's eucgb2312_cn, Java's x-mswin-936, x-big5).
    const alias = !known && family && family !== 'utf-8' ? family : null;
    // A label no decoder knows (x-unknown, gb_2312 typos...) says as little as none at all.
    const weak = WEAK_CHARSETS.has(declared) || !known;
    if (weak || family === 'gb18030') {
      const body = decodeTransfer(buf.subarray(bodyStart, end), (headers.get('content-transfer-encoding')?.[0] ?? '').toLowerCase());
      // Weak labels over non-UTF-8 bytes are GB18030 (or what the alias names); GB labels over UTF-8 bytes are UTF-8.
      const strayInUtf8 = weak && !isUtf8(body) && utf8WithStrayBytes(body);
      const relabel = weak ? (hasHighBytes(body) && !isUtf8(body) && !strayInUtf8 ? (alias ?? 'gb18030') : null) : surelyUtf8(body) ? 'utf-8' : null;
      if (strayInUtf8) {
        // UTF-8 with a few bytes that are none (a NUL Dovecot turned into 0x80): those bytes go, the text stays UTF-8.
        const clean = withoutStrayBytes(body);
        text = replaceBodyWithUtf8(text, contentType, ctRaw, clean, bodyStart, end, edits);
        changed = true;
        repairs.push(`${body.length - clean.length} stray byte(s) removed from UTF-8 ${contentType}`);
      } else if (relabel) {
        text = setCharset(text, contentType, ctRaw, relabel);
        changed = true;
        const label = declared ? `charset ${declared}${known ? '' : ' (unknown)'}` : 'undeclared charset';
        repairs.push(`${label} on ${relabel === 'utf-8' ? 'UTF-8' : 'non-UTF-8'} ${contentType} -> ${relabel}`);
      }
    }
  }
  if (changed) edits.push({ start, end: headerEnd, replacement: Buffer.from(text, 'utf8') });
  return { headers, contentType, params };
}

function hasHighBytes(b: Buffer): boolean {
  for (const x of b) if (x >= 0x80) return true;
  return false;
}

function preview(s: string): string {
  const t = s.replace(/[\x00-\x1f\x7f-\xff]/g, '?').trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
