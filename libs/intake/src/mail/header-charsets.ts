/**
 * Charset labels inside header blocks: RFC 2047 encoded words (`=?gb2312?B?…?=`) and RFC 2231
 * parameters (`filename*=gb2312''%D0%D2…`), rewritten before mailparser sees them so that it decodes
 * each with the right decoder. Used by mime-repair.
 */
import { isUtf8 } from 'buffer';
import { charsetFamily, decoderKnows, decoderLabel } from './charset-aliases';
import { decodeSevenBitChinese, sevenBitChinese } from './seven-bit-chinese';

/**
 * Valid UTF-8 with several three-byte sequences (Chinese): text in a GB charset is practically
 * never that, so such bytes under a GB label are UTF-8 mislabelled.
 */
export function surelyUtf8(b: Buffer): boolean {
  if (!hasHighBytes(b) || !isUtf8(b)) return false;
  let threes = 0;
  for (let i = 0; i < b.length && threes < 2; i++) if ((b[i] & 0xf0) === 0xe0) threes++;
  return threes >= 2;
}

/**
 * Each RFC 2047 encoded word of a header block, replaced by what `replace` makes of it (null: kept).
 * `bytes` decodes the payload, only when asked (most words' charset rules them out first).
 */
function mapEncodedWords(headerText: string, replace: (charset: string, bytes: () => Buffer, enc: string, payload: string) => string | null): string {
  if (!headerText.includes('=?')) return headerText;
  return headerText.replace(/=\?([^?\s*]+)(\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g, (word, charset: string, _lang, enc: string, payload: string) => {
    const bytes = () =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(payload, 'base64')
        : Buffer.from(
            payload.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          );
    return replace(charset, bytes, enc, payload) ?? word;
  });
}

/** Encoded words labelled GB2312/GBK whose bytes are UTF-8 get the UTF-8 label. */
export function relabelUtf8Words(headerText: string): string {
  return mapEncodedWords(headerText, (charset, bytes, enc, payload) =>
    charsetFamily(charset) === 'gb18030' && surelyUtf8(bytes()) ? `=?UTF-8?${enc}?${payload}?=` : null,
  );
}

/**
 * Encoded words and RFC 2231 parameters (`filename*=eucgb2312_cn''%D0%D2…`) whose charset mailparser
 * does not know get the name of its decoder; a label nobody knows gets the same detection as
 * undeclared 8-bit text (UTF-8 when the bytes are, else GB18030), and a GB label over UTF-8 bytes
 * says UTF-8. HZ and ISO-2022-CN words are left to transcodeSevenBitWords.
 */
export function relabelAliases(headerText: string): string {
  const label = (charset: string, bytes: () => Buffer): string | null => {
    if (charsetFamily(charset) === 'gb18030' && surelyUtf8(bytes())) return 'UTF-8';
    if (decoderKnows(charset)) return null;
    const decoder = decoderLabel(charset);
    if (decoder === 'hz' || decoder === 'iso-2022-cn') return null;
    return decoder ?? (isUtf8(bytes()) ? 'UTF-8' : 'GB18030');
  };
  const words = mapEncodedWords(headerText, (charset, bytes, enc, payload) => {
    const l = label(charset, bytes);
    return l ? `=?${l}?${enc}?${payload}?=` : null;
  });
  return mapRfc2231(words, (charset, lang, value, single) => {
    const encoding = sevenBitChinese(charset);
    if (encoding) {
      // Only a value in one piece can be turned into UTF-8 here (a continued one keeps its label).
      return single ? `utf-8'${lang}'${encodeURIComponent(decodeSevenBitChinese(percentBytes(value), encoding))}` : null;
    }
    const l = label(charset, () => percentBytes(value));
    return l ? `${l}'${lang}'${value}` : null;
  });
}

/** Each RFC 2231 extended parameter value `charset'lang'%xx…` (whole, or the first of its continuations). */
function mapRfc2231(headerText: string, replace: (charset: string, lang: string, value: string, single: boolean) => string | null): string {
  if (!headerText.includes("'")) return headerText;
  return headerText.replace(
    /([;\s][A-Za-z0-9_.-]+\*(0\*)?[ \t]*=[ \t]*"?)([A-Za-z0-9_.:()+-]+)'([A-Za-z0-9-]*)'([^"\s;]*)/g,
    (m, prefix: string, continued: string | undefined, charset: string, lang: string, value: string) => {
      const out = replace(charset, lang, value, !continued);
      return out === null ? m : `${prefix}${out}`;
    },
  );
}

function percentBytes(value: string): Buffer {
  return Buffer.from(
    value.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  );
}

/** Encoded words in HZ-GB-2312 or ISO-2022-CN become UTF-8 ones. */
export function transcodeSevenBitWords(headerText: string): string {
  return mapEncodedWords(headerText, (charset, bytes) => {
    const encoding = sevenBitChinese(charset);
    return encoding ? `=?UTF-8?B?${Buffer.from(decodeSevenBitChinese(bytes(), encoding), 'utf8').toString('base64')}?=` : null;
  });
}

function hasHighBytes(b: Buffer): boolean {
  for (const x of b) if (x >= 0x80) return true;
  return false;
}
