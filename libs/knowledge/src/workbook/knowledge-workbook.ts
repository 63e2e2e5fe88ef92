import ExcelJS from 'exceljs';
import { BUSINESS_OFFSET_MS, businessDate, DAY_MS, KNOWLEDGE_STATUS_LABELS, KnowledgeStatus, toBusinessIso } from '@hub/domain';
import { KnowledgeRefusedError } from '../knowledge-actor';

/** The sheet's columns, in order: the field and its Chinese header (the header is what an import matches). */
export const KNOWLEDGE_SHEET_COLUMNS = [
  ['id', '编号'],
  ['title', '标题'],
  ['questions', '常见问法'],
  ['answer', '答复口径'],
  ['category', '分类'],
  ['unit', '维护单位'],
  ['validFrom', '有效期起'],
  ['validTo', '有效期止'],
  ['status', '状态'],
  ['sourceUrl', '政策依据链接'],
  ['version', '版本'],
  ['answerCount', '答复次数'],
] as const;
type Field = (typeof KNOWLEDGE_SHEET_COLUMNS)[number][0];

/** At most this many entries in one workbook (a larger base is imported in parts). */
export const MAX_KNOWLEDGE_ROWS = 5000;

/** One entry as exported. */
export interface KnowledgeSheetEntry {
  id: number;
  title: string;
  questions: string[];
  answer: string;
  category: string | null;
  unit: string | null;
  validFrom: Date | null;
  validTo: Date | null;
  status: string;
  sourceUrl: string | null;
  version: number;
  answerCount: number;
}

/** One row as read: the texts of its cells (empty cells absent) and its Excel row number. */
export interface KnowledgeSheetRow {
  row: number;
  values: Partial<Record<Field, string>>;
}

export interface KnowledgeRowReject {
  row: number;
  reason: string;
}

const SHEET_NAME = '知识库';

const atMidnight = (d: Date) => (d.getTime() + BUSINESS_OFFSET_MS) % DAY_MS === 0;

/** The entries as a workbook: one row each, the phrasings one a line, dates as Beijing days. */
export async function writeKnowledgeWorkbook(entries: KnowledgeSheetEntry[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  const widths: Record<Field, number> = {
    id: 8,
    title: 30,
    questions: 40,
    answer: 60,
    category: 20,
    unit: 20,
    validFrom: 12,
    validTo: 12,
    status: 10,
    sourceUrl: 30,
    version: 8,
    answerCount: 10,
  };
  ws.columns = KNOWLEDGE_SHEET_COLUMNS.map(([key, header]) => ({ key, header, width: widths[key] }));
  ws.getRow(1).font = { bold: true };
  for (const e of entries) {
    ws.addRow({
      ...e,
      questions: e.questions.join('\n'),
      category: e.category ?? '',
      unit: e.unit ?? '',
      validFrom: e.validFrom ? (atMidnight(e.validFrom) ? businessDate(e.validFrom) : toBusinessIso(e.validFrom)) : '',
      // The last day of validity as it reads (a stored end at midnight is the end of the day before).
      validTo: e.validTo ? (atMidnight(e.validTo) ? businessDate(new Date(e.validTo.getTime() - 1)) : toBusinessIso(e.validTo)) : '',
      status: KNOWLEDGE_STATUS_LABELS[e.status as KnowledgeStatus] ?? e.status,
      sourceUrl: e.sourceUrl ?? '',
    });
  }
  for (const key of ['questions', 'answer'] as const) ws.getColumn(key).alignment = { wrapText: true, vertical: 'top' };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).replace(/\r\n?/g, '\n').trim();
}

/**
 * Reads an exported (or hand-made) workbook's first sheet: its header row names the columns (the
 * headers of KNOWLEDGE_SHEET_COLUMNS, in any order; 标题 and 答复口径 required). A file that is no
 * workbook, or lacks those columns, is refused whole with the reason.
 */
export async function readKnowledgeWorkbook(file: Buffer): Promise<KnowledgeSheetRow[]> {
  if (file.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') throw new KnowledgeRefusedError('文件不是 XLSX 工作簿：请上传从知识库导出的 .xlsx 文件');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch (e) {
    throw new KnowledgeRefusedError(`XLSX 文件无法读取：${(e as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new KnowledgeRefusedError('工作簿里没有工作表');
  const index = new Map<number, Field>();
  ws.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).replace(/\s+/g, '');
    const f = KNOWLEDGE_SHEET_COLUMNS.find(([, h]) => h === header);
    if (f) index.set(col, f[0]);
  });
  const missing = KNOWLEDGE_SHEET_COLUMNS.filter(([f]) => (f === 'title' || f === 'answer') && ![...index.values()].includes(f)).map(([, h]) => h);
  if (missing.length) throw new KnowledgeRefusedError(`第 1 行须是表头，缺少列：${missing.join('、')}（可先导出一份作为模板）`);
  const rows: KnowledgeSheetRow[] = [];
  ws.eachRow((r, row) => {
    if (row === 1) return;
    const values: KnowledgeSheetRow['values'] = {};
    r.eachCell((cell, col) => {
      const f = index.get(col);
      const t = cellText(cell.value);
      if (f && t) values[f] = t;
    });
    if (Object.keys(values).length) rows.push({ row, values });
  });
  if (rows.length > MAX_KNOWLEDGE_ROWS) throw new KnowledgeRefusedError(`一次最多导入 ${MAX_KNOWLEDGE_ROWS} 条，这个文件有 ${rows.length} 条：请分成几个文件`);
  return rows;
}
