/**
 * Small XLSX files that unpack to hundreds of megabytes ("zip bombs"), written by hand: a zip of
 * stored XML parts plus one deflated part made of a repeated chunk. `lie` writes a small
 * uncompressed size into the zip's headers, as a crafted file would, so only counting the real
 * bytes catches it.
 */
import { createWriteStream } from 'fs';
import { once } from 'events';
import { crc32, createDeflateRaw } from 'zlib';

interface Part {
  name: string;
  /** Stored as it is. */
  data?: Buffer;
  /** Deflated: head, then `chunk` repeated `times`, then tail. */
  bomb?: { head: string; chunk: string; times: number; tail: string };
}

const HEADER = ['工单编号', '来电时间', '来电号码', '来电人', '热线', '诉求内容', '地址', '紧急程度'];

function inlineRow(n: number, cells: string[]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  return `<row r="${n}">${cells.map((c, i) => `<c r="${col(i)}${n}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
}

function workbookParts(sheetRows: string, withSharedStrings: boolean): Part[] {
  const x = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  return [
    {
      name: '[Content_Types].xml',
      data: x(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: x(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: x(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: x(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${withSharedStrings ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: x(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`),
    },
  ];
}

/** A workbook whose xl/sharedStrings.xml unpacks to about `mb` megabytes of 1,000-character strings. */
export function sharedStringsBomb(mb: number): Part[] {
  const rows = inlineRow(1, HEADER) + inlineRow(2, ['B-1', '2025-03-02 09:15', '13800000001', '王先生', '市长公开电话', '路灯不亮', '东湖区', '一般']);
  const chunk = `<si><t>${'A'.repeat(1000)}</t></si>`.repeat(1000);
  return [
    ...workbookParts(rows, true),
    {
      name: 'xl/sharedStrings.xml',
      bomb: {
        head: '<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        chunk,
        times: Math.ceil((mb * 1024 * 1024) / chunk.length),
        tail: '</sst>',
      },
    },
  ];
}

/** A workbook whose only sheet unpacks to about `mb` megabytes of empty rows after one good row. */
export function sheetBomb(mb: number): Part[] {
  const parts = workbookParts('', false).filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
  const chunk = '<row><c><v>1</v></c></row>'.repeat(4000);
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${inlineRow(1, HEADER)}`;
  return [
    ...parts,
    { name: 'xl/worksheets/sheet1.xml', bomb: { head, chunk, times: Math.ceil((mb * 1024 * 1024) / chunk.length), tail: '</sheetData></worksheet>' } },
  ];
}

async function deflated(b: NonNullable<Part['bomb']>): Promise<{ data: Buffer; size: number; crc: number }> {
  const z = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = once(z, 'end');
  const chunk = Buffer.from(b.chunk);
  let crc = crc32(b.head);
  z.write(b.head);
  for (let i = 0; i < b.times; i++) {
    crc = crc32(chunk, crc);
    if (!z.write(chunk)) await once(z, 'drain');
  }
  crc = crc32(b.tail, crc);
  z.end(b.tail);
  await done;
  return { data: Buffer.concat(out), size: Buffer.byteLength(b.head) + chunk.length * b.times + Buffer.byteLength(b.tail), crc };
}

/** Writes the parts as a zip; returns the file's size. */
export async function writeZip(path: string, parts: Part[], opts: { lie?: boolean } = {}): Promise<number> {
  const out = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const write = (b: Buffer) => {
    out.write(b);
    offset += b.length;
  };
  for (const p of parts) {
    const body = p.bomb ? await deflated(p.bomb) : { data: p.data!, size: p.data!.length, crc: crc32(p.data!) };
    const method = p.bomb ? 8 : 0;
    const declared = opts.lie && p.bomb ? 1000 : body.size;
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.crc >>> 0, 14);
    local.writeUInt32LE(body.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const at = offset;
    write(Buffer.concat([local, name]));
    write(body.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(body.crc >>> 0, 16);
    cd.writeUInt32LE(body.data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(at, 42);
    central.push(Buffer.concat([cd, name]));
  }
  const cdStart = offset;
  for (const c of central) write(c);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  write(end);
  out.end();
  await once(out, 'finish');
  return offset;
}
