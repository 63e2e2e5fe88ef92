import { createWriteStream, type WriteStream } from 'fs';
import { once } from 'events';
import type { RowReject } from './export-row';

const BOM = '\uFEFF';
const HEADER = ['行号', '原因', '原始内容'];

/**
 * A cell Excel or WPS would run as a formula (`=2+5+cmd|' /C calc'!A0`, `@SUM(…)`, `-1+1`, or one of
 * those after a tab or carriage return) gets a leading apostrophe: shown as text, never evaluated.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvLine(cells: Array<string | number>): string {
  return `${cells.map((c) => (typeof c === 'number' ? String(c) : quote(neutraliseFormula(c)))).join(',')}\r\n`;
}

function quote(c: string): string {
  return /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

/**
 * A rejects report written while an import runs (bad rows can be many in a big file): UTF-8 with
 * BOM so Excel opens it with the Chinese intact; columns 行号, 原因, 原始内容.
 */
export class RejectsReportWriter {
  private readonly out: WriteStream;
  count = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.write(BOM + csvLine(HEADER));
  }

  async add(rejects: readonly RowReject[]): Promise<void> {
    for (const r of rejects) {
      this.count++;
      if (!this.out.write(csvLine([r.rowNumber, r.reason, r.raw]))) await once(this.out, 'drain');
    }
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

export async function writeRejectsReport(path: string, rejects: Iterable<RowReject> | AsyncIterable<RowReject>): Promise<number> {
  const w = new RejectsReportWriter(path);
  try {
    for await (const r of rejects) await w.add([r]);
  } finally {
    await w.close();
  }
  return w.count;
}
