import type { ExportField, ExportSourceConfig } from '@hub/config';
import type { Urgency } from '@hub/domain';
import { clipToBytes, TEXT_COLUMN_BYTES } from '../clip-to-bytes';
import { FileUnreadableError } from './file-unreadable.error';
import { parseReceivedAt } from './received-at';

/** One good row of a hotline export, ready to become a ticket. */
export interface HotlineRow {
  /** The row number Excel shows (the header is row 1). */
  rowNumber: number;
  externalId: string;
  receivedAt: Date;
  phone: string | null;
  name: string | null;
  /** The hotline line (e.g. 市长公开电话): from the row's column, else the source's fixed line. */
  line: string | null;
  text: string;
  address: string | null;
  urgency: Urgency;
  category: string | null;
  confidential: boolean;
  email: string | null;
}

export type RejectCode = 'missing_field' | 'bad_time' | 'bad_id' | 'too_long' | 'column_count' | 'bad_quoting';

/** A bad row: reported with its number and reason, never imported. */
export interface RowReject {
  rowNumber: number;
  code: RejectCode;
  /** For the operator, in Chinese: what is wrong with the row. */
  reason: string;
  /** The row as it was in the file. */
  raw: string;
}

export const REQUIRED_FIELDS: readonly ExportField[] = ['externalId', 'receivedAt', 'text'];

/** How the header row maps onto the hub's fields. */
export interface ColumnMapping {
  width: number;
  index: Partial<Record<ExportField, number>>;
  /** The file's header for each mapped field (to name it in reasons). */
  header: Partial<Record<ExportField, string>>;
  /** sources.yaml's `line` names the column that holds the line (not the line itself). */
  lineNamedBySource?: boolean;
}

/** Header cells compare without spaces, case or full-width forms: （受理时间） matches (受理时间). */
const normaliseHeader = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/[\s\uFEFF]+/g, '')
    .toLowerCase();

interface HeaderMatch {
  mapping: ColumnMapping;
  missing: ExportField[];
}

function matchHeader(cells: readonly string[], source: ExportSourceConfig): HeaderMatch {
  const wanted = new Map(Object.entries(source.columns).map(([h, f]) => [normaliseHeader(h), { h, f }]));
  const mapping: ColumnMapping = { width: cells.length, index: {}, header: {} };
  cells.forEach((cell, i) => {
    const hit = wanted.get(normaliseHeader(cell));
    if (hit && mapping.index[hit.f] === undefined) {
      mapping.index[hit.f] = i;
      mapping.header[hit.f] = cell.trim();
    }
  });
  // sources.yaml's `line` is the line itself, or the header of the column that says it.
  if (mapping.index.line === undefined && source.line) {
    const i = cells.findIndex((cell) => normaliseHeader(cell) === normaliseHeader(source.line!));
    if (i >= 0) {
      mapping.index.line = i;
      mapping.header.line = cells[i].trim();
      mapping.lineNamedBySource = true;
    }
  }
  return { mapping, missing: REQUIRED_FIELDS.filter((f) => mapping.index[f] === undefined) };
}

function missingColumnsError(cells: readonly string[], missing: ExportField[], source: ExportSourceConfig): FileUnreadableError {
  const expected = (f: ExportField) =>
    Object.entries(source.columns)
      .filter(([, v]) => v === f)
      .map(([h]) => h)
      .join('/') || f;
  const found =
    cells
      .map((c) => c.trim())
      .filter(Boolean)
      .slice(0, 20)
      .join(', ') || '（空）';
  return new FileUnreadableError(
    `表头缺少必需的列：${missing.map(expected).join('、')}（来源“${source.name}”需要 ${REQUIRED_FIELDS.map(expected).join('、')}；文件表头为：${found}）`,
  );
}

export function mapHeader(cells: readonly string[], source: ExportSourceConfig): ColumnMapping {
  const { mapping, missing } = matchHeader(cells, source);
  if (missing.length) throw missingColumnsError(cells, missing, source);
  return mapping;
}

/** Rows above the header that may hold a title, the export time or the query's conditions. */
export const MAX_ROWS_ABOVE_HEADER = 10;

/**
 * Finds the header row. Call-centre systems often put a title (青禾市12345热线工单明细), the export
 * time or the query's conditions above it: offered a file's non-blank rows in order, the first
 * that names every required column is the header. Past MAX_ROWS_ABOVE_HEADER rows, or at the end
 * of the file, the reason given is that of the row that came closest to a header.
 */
export class HeaderFinder {
  private tried = 0;
  private closest: { mapped: number; error: FileUnreadableError } | null = null;

  constructor(private readonly source: ExportSourceConfig) {}

  /** The mapping when `cells` is the header, else null (the next row may be). */
  offer(cells: readonly string[]): ColumnMapping | null {
    const { mapping, missing } = matchHeader(cells, this.source);
    if (!missing.length) return mapping;
    const mapped = Object.keys(mapping.index).length;
    if (!this.closest || mapped > this.closest.mapped) this.closest = { mapped, error: missingColumnsError(cells, missing, this.source) };
    if (++this.tried > MAX_ROWS_ABOVE_HEADER) throw this.closest.error;
    return null;
  }

  /** The file ended before a header: `empty` is the reason when it had no non-blank row at all. */
  fail(empty: string): never {
    throw this.closest?.error ?? new FileUnreadableError(empty);
  }
}

export type CellValue = string | number | boolean | Date | null;

/** A long number as Excel shows it in a General cell (2.02503E+13): saved to CSV so, its digits are gone. */
const EXCEL_SCIENTIFIC = /^\d(?:\.\d+)?E\+\d+$/i;
const URGENT = /紧急|特急|加急|特提|急件|^急$|urgent/i;
// (Not 1: some systems number their levels.)
const AFFIRMATIVE = /^(是|y|yes|true)$/i;
const YES = /^(是|y|yes|true|1|保密)$/i;

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  // A date cell's wall-clock time is in the Date's UTC fields (exceljs): shown as Excel shows it.
  if (v instanceof Date)
    return v
      .toISOString()
      .replace('T', ' ')
      .replace(/(:00)?\.000Z$/, '');
  return String(v).replace(/\r\n?/g, '\n').trim();
}

/** A row of cells -> a HotlineRow or the reason it cannot be one. */
export function toHotlineRow(
  rowNumber: number,
  cells: readonly CellValue[],
  mapping: ColumnMapping,
  source: ExportSourceConfig,
  raw: string,
): HotlineRow | RowReject {
  const reject = (code: RejectCode, reason: string): RowReject => ({ rowNumber, code, reason, raw });
  const extra = cells.slice(mapping.width).some((c) => cellText(c) !== '');
  if (extra || cells.length < mapping.width) {
    const count = extra ? lastFilled(cells) : cells.length;
    return reject('column_count', `列数不对：表头有 ${mapping.width} 列，这一行有 ${count} 列`);
  }
  const get = (f: ExportField): CellValue => {
    const i = mapping.index[f];
    return i === undefined ? null : (cells[i] ?? null);
  };
  const str = (f: ExportField): string | null => cellText(get(f)) || null;

  const missing = REQUIRED_FIELDS.filter((f) => !str(f));
  if (missing.length) return reject('missing_field', `缺少必填项：${missing.map((f) => mapping.header[f] ?? f).join('、')}`);
  const externalId = str('externalId')!;
  if (EXCEL_SCIENTIFIC.test(externalId)) {
    return reject(
      'bad_id',
      `${mapping.header.externalId ?? '工单编号'}是科学计数法“${externalId}”：Excel 把长数字编号显示成这样后保存，原编号已丢失，无法区分工单（请从系统重新导出，或在 Excel 中把该列设为“文本”后再保存）`,
    );
  }
  const tooLong = IDENTITY_FIELDS.find((f) => (str(f)?.length ?? 0) > MAX_LENGTH[f]);
  if (tooLong) {
    return reject(
      'too_long',
      `${mapping.header[tooLong] ?? tooLong}太长（${str(tooLong)!.length} 字，最多 ${MAX_LENGTH[tooLong]} 字）：这一列可能对应错了，请检查 sources.yaml 的列对应或导出文件`,
    );
  }
  const rawTime = get('receivedAt');
  const receivedAt = parseReceivedAt(rawTime);
  if (!receivedAt) {
    return reject('bad_time', `${mapping.header.receivedAt ?? '时间'}无法识别：“${cellText(rawTime)}”（应为 2025-03-02 09:15 这样的日期时间）`);
  }
  return {
    rowNumber,
    externalId,
    receivedAt,
    phone: str('phone'),
    name: clip(str('name'), MAX_LENGTH.name),
    line: str('line') ?? (mapping.lineNamedBySource ? null : (source.line ?? null)),
    text: clipToBytes(str('text')!, TEXT_COLUMN_BYTES, CLIPPED_NOTE),
    address: clip(str('address'), MAX_LENGTH.address),
    urgency: urgencyOf(str('urgency')),
    category: str('category'),
    confidential: YES.test(str('confidential') ?? ''),
    email: clip(str('email'), MAX_LENGTH.email),
  };
}

/**
 * What the database holds of a field. An id or a line longer than that is refused (cut, it would
 * name another ticket or line); a longer name, address or e-mail is cut: the whole row stays in
 * the archived export file.
 */
const MAX_LENGTH = { externalId: 128, line: 100, name: 100, address: 500, email: 200 } as const;
const IDENTITY_FIELDS = ['externalId', 'line'] as const;
const CLIPPED_NOTE = '\n\n（诉求内容过长，此处已截断；完整内容见导入的原始导出文件存档。）';

function clip(value: string | null, max: number): string | null {
  return value && value.length > max ? value.slice(0, max) : value;
}

/** The urgency column: a level (紧急/一般), or yes/no where the column is 是否紧急. */
export function urgencyOf(value: string | null): Urgency {
  if (value && AFFIRMATIVE.test(value)) return 'urgent';
  return value && URGENT.test(value) && !/不|非/.test(value) ? 'urgent' : 'normal';
}

function lastFilled(cells: readonly CellValue[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cellText(cells[i]) !== '') return i + 1;
  return 0;
}

export function isReject(r: HotlineRow | RowReject): r is RowReject {
  return 'code' in r;
}
