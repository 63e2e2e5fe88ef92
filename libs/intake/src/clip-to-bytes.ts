/** What a ticket's text may take of a TEXT column (65,535 bytes), with room to spare. */
export const TEXT_COLUMN_BYTES = 60_000;

/** `text` cut to at most `maxBytes` of UTF-8, ending with `note` when cut (for TEXT columns). */
export function clipToBytes(text: string, maxBytes: number, note: string): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  return (
    Buffer.from(text, 'utf8')
      .subarray(0, maxBytes - Buffer.byteLength(note))
      .toString('utf8')
      .replace(/\uFFFD$/, '') + note
  );
}
