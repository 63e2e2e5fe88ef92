import { createReadStream } from 'fs';
import type { Readable, Writable } from 'stream';
import type { ImportLimits } from '@hub/config';
import { FileUnreadableError } from './file-unreadable.error';

interface ZipEntry extends Readable {
  path: string;
  vars: { uncompressedSize: number; flags: number; compressedSize: number };
  autodrain(): unknown;
}
// The zip reader exceljs itself streams a workbook with: the sizes measured here are the sizes it
// reads. Loaded when a workbook is first measured, so commands that read none start without it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const unzipper = () => require('unzipper') as { Parse: () => Writable & Readable };

/** Parts exceljs keeps in memory while it reads the sheet (the others it streams). */
const HELD_IN_MEMORY = /^xl\/(sharedStrings\.xml|styles\.xml|workbook\.xml|_rels\/workbook\.xml\.rels)$/;
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

export interface WorkbookSize {
  /** Every part's unpacked size, summed. */
  totalBytes: number;
  /** The shared strings come after a sheet in the zip (exceljs then reads the workbook whole). */
  sharedStringsAfterSheet: boolean;
}

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round(n / MB)} MB`;

function tooLarge(part: string, limit: number, setting: string): FileUnreadableError {
  return new FileUnreadableError(
    `XLSX 文件解压后过大：其中 ${part} 超过 ${mb(limit)}（上限由 ${setting} 设定）。这可能是“压缩炸弹”，或工作簿过大：请拆分成几个文件或另存为 CSV 后再导入。` +
      ` / The XLSX expands too far: ${part} is over ${mb(limit)} unpacked (limit ${setting}); split the workbook or save it as CSV.`,
  );
}

/**
 * Unpacks a workbook once without keeping anything, counting each part's real size (the sizes a zip
 * declares can lie), and refuses it with a reason as soon as a part passes its limit: a 5 MB file
 * that expands to 2 GB of shared strings is turned away in a second instead of filling the heap.
 */
export async function checkWorkbookSize(path: string, limits: ImportLimits): Promise<WorkbookSize> {
  const input = createReadStream(path);
  const zip = unzipper().Parse();
  const size: WorkbookSize = { totalBytes: 0, sharedStringsAfterSheet: false };
  let entries = 0;
  let sawSheet = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => {
        input.unpipe(zip);
        input.destroy();
        reject(e);
      };
      zip.on('entry', (entry: ZipEntry) => {
        if (++entries > limits.xlsxMaxEntries)
          return fail(
            new FileUnreadableError(
              `XLSX 文件的部件超过 ${limits.xlsxMaxEntries} 个，不是正常的导出文件 / The XLSX has over ${limits.xlsxMaxEntries} parts; it is no ordinary export`,
            ),
          );
        const shared = entry.path === 'xl/sharedStrings.xml';
        if (shared && sawSheet) size.sharedStringsAfterSheet = true;
        if (SHEET.test(entry.path)) sawSheet = true;
        const [limit, setting] =
          shared || HELD_IN_MEMORY.test(entry.path)
            ? [Math.min(limits.xlsxMaxSharedStringsBytes, limits.xlsxMaxEntryBytes), 'HUB_XLSX_MAX_SHARED_STRINGS_MB']
            : [limits.xlsxMaxEntryBytes, 'HUB_XLSX_MAX_ENTRY_MB'];
        // The declared size first (no need to unpack an honest bomb), then the bytes as they come.
        if (entry.vars.uncompressedSize > limit) return fail(tooLarge(entry.path, limit, setting));
        let bytes = 0;
        entry.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          size.totalBytes += chunk.length;
          if (bytes > limit) fail(tooLarge(entry.path, limit, setting));
        });
        entry.on('error', fail);
      });
      zip.on('error', (e: Error) =>
        fail(e instanceof FileUnreadableError ? e : new FileUnreadableError(`XLSX 文件无法读取（可能已损坏或不是 Excel 工作簿）：${e.message}`)),
      );
      zip.on('close', () => resolve());
      input.on('error', fail);
      input.pipe(zip);
    });
  } finally {
    input.destroy();
  }
  return size;
}

/** A workbook exceljs can only read whole is refused past this size, with what to do instead. */
export function assertReadableWhole(size: WorkbookSize, limits: ImportLimits): void {
  if (size.totalBytes <= limits.xlsxMaxWholeBytes) return;
  throw new FileUnreadableError(
    `XLSX 文件的文字内容（共享字符串）存放在工作表之后，只能整体读入，而解压后有 ${mb(size.totalBytes)}，超过 ${mb(limits.xlsxMaxWholeBytes)}（HUB_XLSX_MAX_WHOLE_MB）：请在 Excel 中打开后另存为 .xlsx 或 CSV 再导入。` +
      ` / This XLSX stores its shared strings after the sheet and must be read whole, but unpacks to ${mb(size.totalBytes)} (limit HUB_XLSX_MAX_WHOLE_MB); re-save it in Excel or as CSV.`,
  );
}
