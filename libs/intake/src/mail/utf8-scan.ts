/**
 * UTF-8 with a few bad bytes is still UTF-8. IMAP forbids NUL, so Dovecot hands a NUL in a letter
 * over as 0x80, and a UTF-8 letter with NULs in it arrives as UTF-8 with lone 0x80 bytes: no longer
 * valid, it was taken for GB18030 and every character of it garbled. Chinese text in GBK is almost
 * never valid UTF-8 for more than a few characters, so many valid sequences and few bad bytes mean
 * UTF-8.
 */

export interface Utf8Scan {
  /** Valid multi-byte sequences. */
  sequences: number;
  /** Bytes that belong to no valid sequence. */
  stray: number;
}

/** The byte length of the valid UTF-8 sequence starting at `i`, or 0. */
function sequenceAt(b: Buffer, i: number): number {
  const c = b[i];
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function scanUtf8(b: Buffer): Utf8Scan {
  const scan = { sequences: 0, stray: 0 };
  for (let i = 0; i < b.length;) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    const n = sequenceAt(b, i);
    if (n) {
      scan.sequences++;
      i += n;
    } else {
      scan.stray++;
      i++;
    }
  }
  return scan;
}

/**
 * Not valid UTF-8, but UTF-8 with at most one stray byte for every three good characters. GBK
 * text read as UTF-8 has the other proportion: about ten bad bytes for every valid sequence.
 */
export function utf8WithStrayBytes(b: Buffer): boolean {
  const { sequences, stray } = scanUtf8(b);
  return stray > 0 && sequences >= 3 && stray * 3 <= sequences;
}

/** The bytes without those that belong to no valid UTF-8 sequence. */
export function withoutStrayBytes(b: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < b.length;) {
    if (b[i] < 0x80) {
      out.push(b[i++]);
      continue;
    }
    const n = sequenceAt(b, i);
    if (n) for (let k = 0; k < n; k++) out.push(b[i++]);
    else i++;
  }
  return Buffer.from(out);
}
