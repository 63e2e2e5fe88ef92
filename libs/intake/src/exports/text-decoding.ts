import { isUtf8 } from 'buffer';
import * as iconv from 'iconv-lite';

export type DetectedEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';
export type EncodingChoice = 'auto' | 'utf8' | 'gb18030' | 'gbk';

/**
 * Decodes an export file chunk by chunk. A UTF-8 BOM means UTF-8 and a UTF-16 one UTF-16 (Excel's
 * "Unicode text"), whatever the source's setting. `auto` otherwise: the decision
 * waits for the first chunk holding a non-ASCII byte (until then both decodings agree) and takes
 * UTF-8 when that chunk is valid UTF-8, else GB18030 (a superset of GB2312 and GBK).
 */
export class ExportTextDecoder {
  private decoder: iconv.DecoderStream | null = null;
  private first = true;
  encoding: DetectedEncoding | null;

  constructor(choice: EncodingChoice) {
    this.encoding = choice === 'auto' ? null : choice === 'utf8' ? 'utf8' : 'gb18030';
    if (this.encoding) this.decoder = iconv.getDecoder(this.encoding);
  }

  write(chunk: Buffer): string {
    if (this.first) {
      this.first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        // Whatever the source's setting: a GBK export re-saved by Excel as "CSV UTF-8" has one.
        this.use('utf8'); // (iconv-lite strips the BOM itself.)
      } else if (chunk[0] === 0xff && chunk[1] === 0xfe) {
        this.use('utf16le');
      } else if (chunk[0] === 0xfe && chunk[1] === 0xff) {
        this.use('utf16be');
      }
    }
    if (!this.decoder) {
      if (!hasHighBytes(chunk)) return chunk.toString('latin1');
      this.use(looksLikeUtf8(chunk) ? 'utf8' : 'gb18030');
    }
    return this.decoder!.write(chunk);
  }

  end(): string {
    return this.decoder?.end() ?? '';
  }

  private use(encoding: DetectedEncoding): void {
    this.encoding = encoding;
    this.decoder = iconv.getDecoder(encoding);
  }
}

/** Valid UTF-8, allowing a multi-byte character cut at the chunk's end. */
export function looksLikeUtf8(chunk: Buffer): boolean {
  if (isUtf8(chunk)) return true;
  for (let cut = 1; cut <= 3 && cut < chunk.length; cut++) {
    if (isUtf8(chunk.subarray(0, chunk.length - cut))) return true;
  }
  return false;
}

function hasHighBytes(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
}
