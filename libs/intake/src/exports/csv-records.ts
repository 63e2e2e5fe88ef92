/**
 * CSV records with Excel row numbers, resilient to broken quoting. csv-parse's
 * `skip_records_with_error` was tried first: after an invalid or unclosed quote it resumes in the
 * wrong place and silently swallows the good rows that follow (measured with csv-parse 7.0.3). Here
 * a record that goes wrong after spanning several lines is reported as one bad row (its first line)
 * and reading resumes on the next line, so one stray quote costs one row, not the rest of the file.
 */

export interface CsvRecord {
  /** The row number Excel shows for this record (the header is row 1). */
  rowNumber: number;
  fields: string[];
  /** The record's text as it was in the file (for the rejects report). */
  raw: string;
  /** Set when the quoting is broken; fields are then unreliable. */
  quoteError: string | null;
}

interface Parsed {
  fields: string[];
  next: number;
  multiline: boolean;
  error: string | null;
}

/** A quoted field may span lines, but not without limit: past this it is taken as an unclosed quote. */
const MAX_RECORD_CHARS = 1_000_000;
const MAX_RECORD_LINES = 500;

/**
 * Splits decoded text into records. Feed text with `push`, call `end` at the end of the file; both
 * return the records completed so far. `expectedColumns` (the header width) is set after the header.
 */
export class CsvRecordReader {
  private buf = '';
  private row = 0;
  expectedColumns: number | null = null;

  constructor(private readonly delimiter = ',') {}

  push(text: string): CsvRecord[] {
    this.buf += text;
    return this.drain(false);
  }

  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(eof: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    let pos = 0;
    const s = this.buf;
    while (pos < s.length) {
      const r = parseRecord(s, pos, eof, this.delimiter);
      if (r === null) {
        const tooLong = s.length - pos > MAX_RECORD_CHARS || countLines(s, pos, MAX_RECORD_LINES + 1) > MAX_RECORD_LINES;
        if (!tooLong) break;
        pos = this.rejectFirstLine(s, pos, out, '引号没有闭合：一个带引号的字段一直延续到很远的行，CSV 格式错误');
        continue;
      }
      const wrongWidth = this.expectedColumns !== null && !fitsWidth(r.fields, this.expectedColumns);
      if (r.multiline && (r.error || wrongWidth)) {
        // Most likely a stray quote that opened a field; only its own line is lost.
        pos = this.rejectFirstLine(s, pos, out, r.error ?? '引号不配对：引号没有正确闭合，CSV 格式错误');
        continue;
      }
      out.push({ rowNumber: ++this.row, fields: r.fields, raw: trimEol(s.slice(pos, r.next)), quoteError: r.error });
      pos = r.next;
    }
    this.buf = s.slice(pos);
    return out;
  }

  private rejectFirstLine(s: string, pos: number, out: CsvRecord[], reason: string): number {
    const nl = s.indexOf('\n', pos);
    const next = nl < 0 ? s.length : nl + 1;
    out.push({ rowNumber: ++this.row, fields: [], raw: trimEol(s.slice(pos, next)), quoteError: reason });
    return next;
  }
}

function fitsWidth(fields: string[], width: number): boolean {
  if (fields.length === width) return true;
  // Trailing empty cells (a common spreadsheet artefact) do not make a row wrong.
  return fields.length > width && fields.slice(width).every((f) => f.trim() === '');
}

/** One record from `pos`, or null when the text ends inside it and more may come. */
function parseRecord(s: string, pos: number, eof: boolean, delim: string): Parsed | null {
  const fields: string[] = [];
  let field = '';
  let i = pos;
  let error: string | null = null;
  let multiline = false;
  let fieldStart = true;
  const special = specialChars(delim);
  for (;;) {
    if (i >= s.length) {
      if (!eof) return null;
      fields.push(field);
      return { fields, next: i, multiline, error };
    }
    const c = s[i];
    if (fieldStart && c === '"') {
      // Quoted field: runs to the next lone quote.
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) {
          if (!eof) return null;
          field += s.slice(j);
          fields.push(field);
          return {
            fields,
            next: s.length,
            multiline: multiline || s.includes('\n', j),
            error: '引号没有闭合：带引号的字段直到文件末尾都没有结束，CSV 格式错误',
          };
        }
        const nl = s.indexOf('\n', j);
        if (nl >= 0 && nl < q) multiline = true;
        if (s[q + 1] === '"') {
          field += s.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        if (q + 1 >= s.length && !eof) return null;
        field += s.slice(j, q);
        i = q + 1;
        break;
      }
      fieldStart = false;
      const n = s[i];
      if (i < s.length && n !== delim && n !== '\n' && n !== '\r') {
        error = `引号不配对：带引号的字段结束后紧跟着“${n}”，CSV 格式错误`;
      }
      continue;
    }
    if (c === delim) {
      fields.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && i + 1 >= s.length && !eof) return null;
      fields.push(field);
      const next = c === '\r' && s[i + 1] === '\n' ? i + 2 : i + 1;
      return { fields, next, multiline, error };
    }
    if (c === '"') {
      error ??= '引号不配对：字段中间出现了未转义的引号，CSV 格式错误';
      field += c;
      fieldStart = false;
      i++;
      continue;
    }
    if (fieldStart && (c === ' ' || c === '\t')) {
      // Spaces before an opening quote are tolerated; elsewhere they are data.
      let k = i;
      while (s[k] === ' ' || s[k] === '\t') k++;
      if (s[k] === '"') {
        i = k;
        continue;
      }
    }
    // A run of plain characters up to the next delimiter, line break or quote.
    special.lastIndex = i + 1;
    const m = special.exec(s);
    const stop = m ? m.index : s.length;
    field += s.slice(i, stop);
    fieldStart = false;
    i = stop;
  }
}

const specials = new Map<string, RegExp>();
function specialChars(delim: string): RegExp {
  let re = specials.get(delim);
  if (!re) {
    re = new RegExp(`[${delim.replace(/[\\\]^-]/g, '\\$&')}\r\n"]`, 'g');
    specials.set(delim, re);
  }
  return re;
}

function countLines(s: string, from: number, cap: number): number {
  let n = 0;
  let i = s.indexOf('\n', from);
  while (i >= 0 && n < cap) {
    n++;
    i = s.indexOf('\n', i + 1);
  }
  return n;
}

function trimEol(s: string): string {
  return s.replace(/\r?\n$/, '');
}
