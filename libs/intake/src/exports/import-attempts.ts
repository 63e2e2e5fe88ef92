import { readFile, rename, unlink, writeFile } from 'fs/promises';

/**
 * A file whose import failed this many times (an error, or a process that died during it) is set
 * aside with its reason instead of being tried again: a file that crashes the worker must not
 * crash it at every start, nor be retried in a loop.
 */
export const MAX_IMPORT_ATTEMPTS = 2;

/** Kept in a small JSON note beside the file (the upload's own note, or a hidden file beside a watched one). */
export interface ImportAttempts {
  /** Imports of the file started so far (counted before each starts, so a run cut off by a crash counts). */
  attempts: number;
  /** The error of the last run that failed (none when the runs were cut off). */
  lastError?: string;
}

async function readNote(notePath: string): Promise<Record<string, unknown>> {
  try {
    const note = JSON.parse(await readFile(notePath, 'utf8')) as unknown;
    return note && typeof note === 'object' ? (note as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function writeNote(notePath: string, note: Record<string, unknown>): Promise<void> {
  const tmp = `${notePath}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(note), 'utf8');
  await rename(tmp, notePath);
}

/** Counts an import that starts now; answers what the note said before (the runs before this one). Other fields of the note are kept. */
export async function countImportAttempt(notePath: string): Promise<ImportAttempts> {
  const note = await readNote(notePath);
  const before: ImportAttempts = {
    attempts: typeof note.attempts === 'number' ? note.attempts : 0,
    lastError: typeof note.lastError === 'string' ? note.lastError : undefined,
  };
  await writeNote(notePath, { ...note, attempts: before.attempts + 1 });
  return before;
}

/** Takes back the attempt counted last: it failed for a reason that is not the file's (the database was away). */
export async function uncountImportAttempt(notePath: string): Promise<void> {
  const note = await readNote(notePath);
  if (typeof note.attempts === 'number' && note.attempts > 0) await writeNote(notePath, { ...note, attempts: note.attempts - 1 });
}

/** Records why the run that was counted last failed. */
export async function noteImportFailure(notePath: string, error: string): Promise<void> {
  await writeNote(notePath, { ...(await readNote(notePath)), lastError: error.slice(0, 2000) });
}

export async function forgetImportAttempts(notePath: string): Promise<void> {
  await unlink(notePath).catch(() => undefined);
}

/** Why a file with these earlier runs is set aside rather than imported again, or null when it may be tried. */
export function importGiveUpReason(before: ImportAttempts): string | null {
  if (before.attempts < MAX_IMPORT_ATTEMPTS) return null;
  return before.lastError
    ? `导入已失败 ${before.attempts} 次，文件已隔离，不再自动重试。最后一次的错误：${before.lastError}`
    : `导入已开始 ${before.attempts} 次均未完成（处理进程在导入途中退出，可能是文件过大或内存不足），文件已隔离，不再自动重试`;
}

/** The reason a file is set aside when this run's failure is its last allowed one. */
export function importFailedReason(attempts: number, error: string): string {
  return `导入已失败 ${attempts} 次，文件已隔离，不再自动重试。最后一次的错误：${error}`;
}
