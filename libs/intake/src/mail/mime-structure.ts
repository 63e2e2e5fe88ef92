/**
 * The byte-level structure of a MIME message, read without decoding it: where a header block ends,
 * its fields, Content-Type parameters, the parts of a multipart body, transfer decoding.
 */

/** The header block ends before the first empty line; the body starts after it. */
export function findHeaderEnd(buf: Buffer, start: number, end: number): { headerEnd: number; bodyStart: number } {
  if (buf[start] === 0x0a) return { headerEnd: start, bodyStart: start + 1 };
  if (buf[start] === 0x0d && buf[start + 1] === 0x0a) return { headerEnd: start, bodyStart: start + 2 };
  let i = buf.indexOf(0x0a, start);
  while (i >= 0 && i < end) {
    const next = i + 1;
    if (buf[next] === 0x0a) return { headerEnd: next, bodyStart: next + 1 };
    if (buf[next] === 0x0d && buf[next + 1] === 0x0a) return { headerEnd: next, bodyStart: next + 2 };
    i = buf.indexOf(0x0a, next);
  }
  return { headerEnd: end, bodyStart: end };
}

export function parseHeaderBlock(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const unfolded = text.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^([^:\s]+)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1].toLowerCase();
    const list = headers.get(name) ?? [];
    list.push(m[2].trim());
    headers.set(name, list);
  }
  return headers;
}

export function parseContentType(value: string): { type: string; params: Record<string, string> } {
  const [typePart, ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[key] = v;
  }
  return { type: (typePart ?? '').trim().toLowerCase(), params };
}

function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Byte ranges of each body part between `--boundary` delimiter lines. */
export function splitMultipart(
  buf: Buffer,
  start: number,
  end: number,
  boundary: string,
): { parts: Array<{ start: number; end: number; delimiterAt: number }>; closeAt: number | null } {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const found: Array<{ at: number; lineEnd: number; close: boolean }> = [];
  let i = buf.indexOf(delim, start);
  while (i >= 0 && i < end) {
    const atLineStart = i === start || buf[i - 1] === 0x0a;
    const after = i + delim.length;
    const close = buf[after] === 0x2d && buf[after + 1] === 0x2d;
    const nextByte = buf[close ? after + 2 : after];
    const endsLine = nextByte === undefined || after >= end || nextByte === 0x0d || nextByte === 0x0a || nextByte === 0x20 || nextByte === 0x09;
    if (atLineStart && endsLine) {
      const nl = buf.indexOf(0x0a, after);
      found.push({ at: i, lineEnd: nl < 0 || nl >= end ? end : nl + 1, close });
      if (close) break;
    }
    i = buf.indexOf(delim, after);
  }
  const parts: Array<{ start: number; end: number; delimiterAt: number }> = [];
  for (let k = 0; k < found.length; k++) {
    if (found[k].close) break;
    const s = found[k].lineEnd;
    let e = k + 1 < found.length ? found[k + 1].at : end;
    // The line break before a delimiter belongs to the delimiter.
    if (k + 1 < found.length) {
      if (buf[e - 1] === 0x0a) e--;
      if (buf[e - 1] === 0x0d) e--;
    }
    if (e > s) parts.push({ start: s, end: e, delimiterAt: found[k].at });
  }
  const last = found[found.length - 1];
  return { parts, closeAt: last?.close ? last.at : null };
}

export function decodeTransfer(body: Buffer, cte: string): Buffer {
  if (cte === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (cte === 'quoted-printable') {
    const s = body.toString('latin1').replace(/=\r?\n/g, '');
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
        out.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else out.push(s.charCodeAt(i) & 0xff);
    }
    return Buffer.from(out);
  }
  return body;
}
