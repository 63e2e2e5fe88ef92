/**
 * The changes mime-repair makes to a raw message, as byte edits applied in one pass at the end: a
 * header block re-encoded, a Content-Type's charset set, a text body replaced by UTF-8 in base64.
 */

/** Bytes from `start` to `end` of the raw message to be replaced by `replacement`. */
export interface Edit {
  start: number;
  end: number;
  replacement: Buffer;
}

/**
 * Each run of non-ASCII text (with the spaces inside it) as one RFC 2047 encoded word, in every
 * field but Content-* (their parameters, a file name or a boundary, are read raw and must match the body).
 */
export function encodeWords(headerText: string): string {
  return headerText.replace(/^([^\s:]+)([ \t]*:[^\n]*(?:\r?\n[ \t][^\n]*)*)/gm, (field, name: string) =>
    /^content-/i.test(name)
      ? field
      : field.replace(/[^\x00-\x7f](?:[ \t]*[^\x00-\x7f])*/g, (run) => `=?UTF-8?B?${Buffer.from(run, 'utf8').toString('base64')}?=`),
  );
}

/** The part's body replaced by `utf8` in base64, its header saying so; returns the new header text. */
export function replaceBodyWithUtf8(
  headerText: string,
  contentType: string,
  ctRaw: string | undefined,
  utf8: Buffer,
  bodyStart: number,
  end: number,
  edits: Edit[],
): string {
  const eol = headerText.includes('\r\n') ? '\r\n' : '\n';
  const text = setCharset(headerText, contentType, ctRaw, 'utf-8').replace(/^content-transfer-encoding[ \t]*:[^\n]*(?:\r?\n[ \t][^\n]*)*\r?\n?/im, '');
  edits.push({ start: bodyStart, end, replacement: Buffer.from(`${(utf8.toString('base64').match(/.{1,76}/g) ?? []).join(eol)}${eol}`) });
  return `${text.replace(/\r?\n$/, '')}${eol}Content-Transfer-Encoding: base64${eol}`;
}

/** The header block with its Content-Type's charset set to `charset` (a Content-Type line added when there was none). */
export function setCharset(headerText: string, contentType: string, ctRaw: string | undefined, charset: string): string {
  const eol = headerText.includes('\r\n') ? '\r\n' : '\n';
  if (ctRaw === undefined) {
    const line = `Content-Type: ${contentType}; charset=${charset}`;
    return headerText.length ? `${headerText.replace(/\r?\n$/, '')}${eol}${line}${eol}` : `${line}${eol}`;
  }
  const value = ctRaw.replace(/;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i, '');
  return headerText.replace(/^content-type[ \t]*:[^\n]*(?:\r?\n[ \t][^\n]*)*/im, `Content-Type: ${value}; charset=${charset}`);
}

/** The message with every edit made (edits do not overlap), or the same buffer when there is none. */
export function applyEdits(buf: Buffer, edits: Edit[]): Buffer {
  if (!edits.length) return buf;
  edits.sort((a, b) => a.start - b.start);
  const pieces: Buffer[] = [];
  let pos = 0;
  for (const e of edits) {
    pieces.push(buf.subarray(pos, e.start), e.replacement);
    pos = e.end;
  }
  pieces.push(buf.subarray(pos));
  return Buffer.concat(pieces);
}
