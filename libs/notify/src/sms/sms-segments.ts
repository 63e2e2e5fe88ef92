/**
 * Chinese SMS are sent in UCS-2: one SMS holds 70 characters (140 bytes). A longer text is sent
 * as concatenated segments, each carrying a 6-byte user data header (IEI 0x00: reference, total,
 * sequence; 3GPP TS 23.040 §9.2.3.24.1), which leaves 67 characters a segment. Phones join them.
 */
export const SINGLE_SMS_CHARS = 70;
export const SEGMENT_CHARS = 67;
/** The concatenation header's 8-bit reference allows 255 segments; carriers cap far lower. */
export const MAX_SEGMENTS = 10;

/** The segments a text is sent as; never splits a surrogate pair (JS string length is UCS-2 code units). */
export function splitSms(text: string): string[] {
  if (text.length <= SINGLE_SMS_CHARS) return [text];
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + SEGMENT_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  if (parts.length > MAX_SEGMENTS) throw new Error(`SMS of ${text.length} characters needs ${parts.length} segments; at most ${MAX_SEGMENTS}`);
  return parts;
}

/** How many SMS a text costs. */
export function smsSegmentCount(text: string): number {
  return splitSms(text).length;
}

/** The user data header of segment `seq` (1-based) of `total`, concatenation reference `ref` (0-255). */
export function concatHeader(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]);
}
