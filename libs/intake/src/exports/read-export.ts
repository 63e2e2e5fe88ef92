import { createReadStream } from 'fs';
import { open, stat } from 'fs/promises';
import type * as ExcelJS from 'exceljs';
import { DEFAULT_IMPORT_LIMITS, type ExportSourceConfig, type ImportLimits } from '@hub/config';
import { CsvRecordReader } from './csv-records';
import { type CellValue, type ColumnMapping, type HotlineRow, type RowReject, cellText, HeaderFinder, isReject, toHotlineRow } from './export-row';
import { FileUnreadableError } from './file-unreadable.error';
import { type DetectedEncoding, ExportTextDecoder } from './text-decoding';
import { assertReadableWhole, checkWorkbookSize } from './workbook-size';

export interface ExportBatch {
  rows: HotlineRow[];
  rejects: RowReject[];
}

export interface ExportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Rows read so far (good and bad, header excluded). */
  rowsRead: number;
}

export interface ExportFileInfo {
  format: 'csv' | 'xlsx';
  /** The text encoding of a CSV (null for XLSX, or a CSV that is pure ASCII). */
  encoding: DetectedEncoding | null;
  headers: string[];
}

export interface ReadExportOptions {
  onProgress?: (p: ExportProgress) => void;
  /** Called once the header row is read, before the first batch. */
  onHeader?: (info: ExportFileInfo) => void;
  /** Rows plus rejects per batch (default 1,000). */
  batchSize?: number;
  /** How far a workbook may expand (HubConfig env.importLimits; the defaults otherwise). */
  limits?: ImportLimits;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Reads a hotline export (CSV or XLSX, first sheet) in bounded memory and yields its rows in
 * batches: good rows and rejects with Excel row numbers. Throws FileUnreadableError (on the first
 * `next()`) when the file cannot be read at all.
 */
export async function* readExport(path: string, source: ExportSourceConfig, opts: ReadExportOptions = {}): AsyncGenerator<ExportBatch> {
  const format = await sniffFormat(path);
  yield* format === 'xlsx' ? readXlsx(path, source, opts) : readCsv(path, source, opts);
}

async function sniffFormat(path: string): Promise<'csv' | 'xlsx'> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new FileUnreadableError(`文件无法打开：${(e as Error).message}`);
  }
  if (size === 0) throw new FileUnreadableError('文件是空的（0 字节）');
  const fh = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 4096));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const isXlsxName = /\.xlsx$/i.test(path);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new FileUnreadableError('这是旧版 Excel（.xls）文件，不支持：请在 Excel 中另存为 .xlsx 或 CSV 后再导入');
  }
  if (isXlsxName) throw new FileUnreadableError('文件扩展名是 .xlsx，但内容不是 XLSX（不是 zip 格式），文件可能已损坏');
  // Excel's "Unicode text" (UTF-16 with a byte-order mark, tab-separated) is text like any other.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'csv';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw new FileUnreadableError('这是 PDF 文件，不是 CSV 或 XLSX 导出文件');
  if (head.includes(0)) throw new FileUnreadableError('文件含有二进制数据，不是 CSV 或 XLSX 导出文件');
  return 'csv';
}

class Batcher {
  private items: Array<HotlineRow | RowReject> = [];
  rowsRead = 0;
  constructor(readonly size: number) {}
  add(r: HotlineRow | RowReject): void {
    this.rowsRead++;
    this.items.push(r);
  }
  get full(): boolean {
    return this.items.length >= this.size;
  }
  /** Up to one batch, in file order. */
  take(): ExportBatch {
    const taken = this.items.splice(0, this.size);
    const b: ExportBatch = { rows: [], rejects: [] };
    for (const r of taken) (isReject(r) ? b.rejects : b.rows).push(r as never);
    return b;
  }
  /** Rows read so far that are not yet yielded. */
  get pending(): number {
    return this.items.length;
  }
}

/** Rows an export is read (and its tickets committed) in, unless `batchSize` says otherwise. */
export const EXPORT_BATCH_ROWS = 1000;

async function* readCsv(path: string, source: ExportSourceConfig, opts: ReadExportOptions): AsyncGenerator<ExportBatch> {
  const totalBytes = (await stat(path)).size;
  const decoder = new ExportTextDecoder(source.encoding ?? 'auto');
  const batch = new Batcher(opts.batchSize ?? EXPORT_BATCH_ROWS);
  const finder = new HeaderFinder(source);
  // A header not found in a file decoded as sources.yaml says is most often mojibake.
  const withEncodingHint = <T>(find: () => T): T => {
    try {
      return find();
    } catch (e) {
      if (!(e instanceof FileUnreadableError) || source.encoding === 'auto') throw e;
      throw new FileUnreadableError(
        `${e.reason}。文件是按 sources.yaml 中来源“${source.name}”的 encoding: ${source.encoding} 解码的：表头若是乱码，请把它改为 auto`,
      );
    }
  };
  let reader: CsvRecordReader | null = null;
  let mapping: ColumnMapping | null = null;
  let bytesRead = 0;

  const handle = (recs: ReturnType<CsvRecordReader['push']>) => {
    for (const rec of recs) {
      if (!mapping) {
        if (rec.fields.every((f) => f.trim() === '')) continue;
        mapping = withEncodingHint(() => finder.offer(rec.quoteError ? [] : rec.fields));
        if (!mapping) continue;
        reader!.expectedColumns = mapping.width;
        opts.onHeader?.({ format: 'csv', encoding: decoder.encoding, headers: rec.fields.map((f) => f.trim()) });
        continue;
      }
      if (rec.fields.every((f) => f.trim() === '') && !rec.quoteError) continue; // blank line
      if (rec.quoteError) {
        batch.add({ rowNumber: rec.rowNumber, code: 'bad_quoting', reason: rec.quoteError, raw: rec.raw });
      } else {
        batch.add(toHotlineRow(rec.rowNumber, rec.fields, mapping, source, rec.raw));
      }
    }
  };

  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      const text = decoder.write(chunk);
      reader ??= new CsvRecordReader(detectDelimiter(text));
      handle(reader.push(text));
      while (batch.full) {
        yield batch.take();
        opts.onProgress?.({ bytesRead, totalBytes, rowsRead: batch.rowsRead - batch.pending });
      }
    }
    if (reader) handle(reader.push(decoder.end()));
    if (reader) handle(reader.end());
  } finally {
    stream.destroy();
  }
  if (!mapping) withEncodingHint(() => finder.fail('文件没有表头行（没有任何内容行）'));
  while (batch.pending) yield batch.take();
  opts.onProgress?.({ bytesRead, totalBytes, rowsRead: batch.rowsRead });
}

/**
 * Comma unless the header line clearly uses tabs or semicolons. The header is taken to be the first
 * line with two delimiters of a kind (a title line above it may hold none, or one).
 */
function detectDelimiter(text: string): string {
  const lines = text.split('\n', 10);
  const count = (line: string, c: string) => line.split(c).length - 1;
  const header = lines.find((l) => [',', '\t', ';'].some((c) => count(l, c) >= 2)) ?? lines[0];
  const commas = count(header, ',');
  if (count(header, '\t') > commas) return '\t';
  if (count(header, ';') > commas) return ';';
  return ',';
}

async function* readXlsx(path: string, source: ExportSourceConfig, opts: ReadExportOptions): AsyncGenerator<ExportBatch> {
  const totalBytes = (await stat(path)).size;
  const batch = new Batcher(opts.batchSize ?? EXPORT_BATCH_ROWS);
  let bytesRead = 0;
  let mapping: ColumnMapping | null = null;
  const finder = new HeaderFinder(source);
  const limits = opts.limits ?? DEFAULT_IMPORT_LIMITS;
  try {
    const size = await checkWorkbookSize(path, limits);
    for await (const row of firstSheetRows(
      path,
      (n) => (bytesRead += n),
      () => assertReadableWhole(size, limits),
    )) {
      const cells: CellValue[] = Array.from({ length: Math.max(0, row.values.length - 1) }, (_, i) => toCell(row.values[i + 1]));
      if (!mapping) {
        const headers = cells.map((c) => cellText(c));
        if (headers.every((h) => h === '')) continue;
        mapping = finder.offer(headers);
        if (!mapping) continue;
        opts.onHeader?.({ format: 'xlsx', encoding: null, headers });
        continue;
      }
      if (cells.every((c) => cellText(c) === '')) continue;
      // Excel leaves out a row's empty trailing cells: in a sheet a short row is not a broken one.
      const fitted = cells.length >= mapping.width ? cells : [...cells, ...Array<CellValue>(mapping.width - cells.length).fill(null)];
      const raw = fitted.map((c) => cellText(c)).join(',');
      batch.add(toHotlineRow(row.number, fitted, mapping, source, raw));
      if (batch.full) {
        yield batch.take();
        opts.onProgress?.({ bytesRead, totalBytes, rowsRead: batch.rowsRead });
      }
    }
  } catch (e) {
    if (e instanceof FileUnreadableError) throw e;
    throw new FileUnreadableError(`XLSX 文件无法读取（可能已损坏或不是 Excel 工作簿）：${(e as Error).message}`);
  }
  if (!mapping) finder.fail('第一个工作表是空的，没有表头行');
  while (batch.pending) yield batch.take();
  opts.onProgress?.({ bytesRead: totalBytes, totalBytes, rowsRead: batch.rowsRead });
}

interface SheetRow {
  number: number;
  /** exceljs row values: index 1 is column A. */
  values: unknown[];
}

/** The streaming reader met a worksheet before the shared strings it refers to. */
class SharedStringsUnreadError extends Error {}

/**
 * The first sheet's rows, streamed. exceljs's streaming reader loses the shared strings when
 * sharedStrings.xml is the zip's last entry and comes after the sheet (exceljs issue #683): every
 * text cell is then only an index. Such a workbook is read whole instead (as big as the file, once).
 */
async function* firstSheetRows(path: string, onBytes: (n: number) => void, beforeWholeRead: () => void): AsyncGenerator<SheetRow> {
  let yielded = 0;
  try {
    for await (const row of streamFirstSheet(path, onBytes)) {
      if (row.values.some(isSharedStringRef)) throw new SharedStringsUnreadError();
      yielded++;
      yield row;
    }
    return;
  } catch (e) {
    if (!(e instanceof SharedStringsUnreadError)) throw e;
    if (yielded) throw new FileUnreadableError('XLSX 文件的文字内容（共享字符串）无法按顺序读取：请在 Excel 中打开后另存为 .xlsx 再导入');
  }
  beforeWholeRead();
  const workbook = new (await excel()).Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileUnreadableError('XLSX 文件里没有工作表');
  for (let n = 1; n <= sheet.rowCount; n++) {
    const row = sheet.findRow(n);
    if (row) yield { number: n, values: row.values as unknown[] };
  }
}

/** exceljs, loaded the first time a workbook is read: commands that never read one start without it. */
const excel = (): Promise<typeof ExcelJS> => import('exceljs');

async function* streamFirstSheet(path: string, onBytes: (n: number) => void): AsyncGenerator<SheetRow> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  stream.on('data', (c) => onBytes(c.length));
  const workbook = new (await excel()).stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) yield { number: row.number, values: row.values as unknown[] };
      return; // the first sheet only
    }
  } finally {
    stream.destroy();
  }
  throw new FileUnreadableError('XLSX 文件里没有工作表');
}

function isSharedStringRef(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'sharedString' in v;
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) -> plain values. */
function toCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((r) => r.text).join('');
    if ('result' in o) return toCell(o.result);
    if ('text' in o) return toCell(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}
