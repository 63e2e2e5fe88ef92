/**
 * Files inside a TNEF winmail.dat (Outlook/Exchange "rich text" mail): a unit cannot open
 * winmail.dat, so the files it carries are handed on as the letter's attachments.
 * Reads attachment data, the 8-bit title (in the message's code page, e.g. 936 for GBK) and the
 * long file name from the attachment's MAPI properties. Returns [] for anything it cannot read.
 */
import * as iconv from 'iconv-lite';

export interface TnefFile {
  filename: string;
  content: Buffer;
}

const SIGNATURE = 0x223e9f78;
const ATT_OEM_CODEPAGE = 0x9007;
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACHMENT = 0x9005;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_DISPLAY_NAME = 0x3001;

export function tnefFiles(data: Buffer): TnefFile[] {
  try {
    return readTnef(data);
  } catch {
    return [];
  }
}

function readTnef(b: Buffer): TnefFile[] {
  if (b.length < 6 || b.readUInt32LE(0) !== SIGNATURE) return [];
  let codepage = 'gb18030';
  const files: Array<{ title: string | null; long: string | null; content: Buffer | null }> = [];
  let pos = 6;
  while (pos + 9 <= b.length) {
    const level = b[pos];
    const id = b.readUInt32LE(pos + 1) & 0xffff;
    const len = b.readUInt32LE(pos + 5);
    const start = pos + 9;
    if (start + len > b.length) break;
    const value = b.subarray(start, start + len);
    pos = start + len + 2; // checksum
    if (level === 1 && id === ATT_OEM_CODEPAGE && len >= 4) codepage = codepageName(value.readUInt32LE(0));
    if (level !== 2) continue;
    if (id === ATT_ATTACH_REND_DATA) files.push({ title: null, long: null, content: null });
    const cur = files[files.length - 1];
    if (!cur) continue;
    if (id === ATT_ATTACH_TITLE) cur.title = iconv.decode(cut(value), codepage).trim();
    else if (id === ATT_ATTACH_DATA) cur.content = Buffer.from(value);
    else if (id === ATT_ATTACHMENT) cur.long = mapiFileName(value, codepage);
  }
  return files
    .filter((f): f is { title: string | null; long: string | null; content: Buffer } => f.content !== null)
    .map((f, i) => ({ filename: f.long || f.title || `winmail附件${i + 1}.bin`, content: f.content }));
}

function codepageName(cp: number): string {
  if (cp === 936 || cp === 54936 || cp === 20936) return 'gb18030';
  if (cp === 950) return 'big5';
  if (cp === 65001) return 'utf8';
  return iconv.encodingExists(`cp${cp}`) ? `cp${cp}` : 'latin1';
}

function cut(v: Buffer): Buffer {
  const nul = v.indexOf(0);
  return nul < 0 ? v : v.subarray(0, nul);
}

const FIXED_SIZE: Record<number, number> = { 0x2: 4, 0x3: 4, 0x4: 4, 0x5: 8, 0x6: 8, 0x7: 8, 0xa: 4, 0xb: 4, 0x14: 8, 0x40: 8, 0x48: 16 };

/** PR_ATTACH_LONG_FILENAME (or PR_DISPLAY_NAME) from an attAttachment MAPI property block. */
function mapiFileName(v: Buffer, codepage: string): string | null {
  let pos = 0;
  const u32 = () => {
    const x = v.readUInt32LE(pos);
    pos += 4;
    return x;
  };
  const count = u32();
  let display: string | null = null;
  for (let p = 0; p < count && pos + 4 <= v.length; p++) {
    const type = v.readUInt16LE(pos);
    const id = v.readUInt16LE(pos + 2);
    pos += 4;
    if (id >= 0x8000) {
      pos += 16; // property set GUID
      const kind = u32();
      if (kind === 0) pos += 4;
      else pos += Math.ceil(u32() / 4) * 4;
    }
    const multi = (type & 0x1000) !== 0;
    const base = type & 0x0fff;
    const n = multi ? u32() : 1;
    for (let k = 0; k < n; k++) {
      if (FIXED_SIZE[base] !== undefined) {
        pos += Math.ceil(FIXED_SIZE[base] / 4) * 4;
        continue;
      }
      const values = multi ? 1 : u32(); // a single variable-size value still carries a count of 1
      for (let j = 0; j < values; j++) {
        const len = u32();
        const bytes = v.subarray(pos, pos + len);
        pos += Math.ceil(len / 4) * 4;
        if (id !== PR_ATTACH_LONG_FILENAME && id !== PR_DISPLAY_NAME) continue;
        const name = (base === 0x1f ? bytes.toString('utf16le') : iconv.decode(bytes, codepage)).replace(/\0+$/, '').trim();
        if (id === PR_ATTACH_LONG_FILENAME && name) return name;
        if (name) display = name;
      }
    }
  }
  return display;
}
