/** `text` cut to at most `maxBytes` of UTF-8, ending with `note` when cut (for TEXT columns). */
export function clipToBytes(text: string, maxBytes: number, note: string): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  return Buffer.from(text, 'utf8').subarray(0, maxBytes - Buffer.byteLength(note)).toString('utf8').replace(/\uFFFD$/, '') + note;
}
