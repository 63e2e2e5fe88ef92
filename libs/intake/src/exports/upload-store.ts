import { randomUUID } from 'crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { readdir, readFile, stat, unlink } from 'fs/promises';
import { join } from 'path';

/** What the worker needs to import an uploaded export: kept beside the file, not only in its job. */
export interface PendingUpload {
  uploadPath: string;
  source: string;
  originalName: string;
}

const META = '.upload.json';

/**
 * Keeps an uploaded export under HUB_DATA_DIR/uploads with its source and name beside it, so an
 * upload whose import job Redis lost (flushed, restarted, down at upload time) is still imported:
 * the upload sweep finds it and queues it again.
 */
export function saveUpload(dataDir: string, originalName: string, source: string, content: Buffer): PendingUpload {
  const uploadPath = uploadPathFor(dataDir, originalName);
  writeFileSync(uploadPath, content);
  return remember(uploadPath, source, originalName);
}

/**
 * Where the API streams an upload while it arrives (HUB_DATA_DIR/uploads/.incoming, on the same
 * file system): never held in memory, and not seen by the upload sweep until it is kept.
 */
export function incomingUploadDir(dataDir: string): string {
  const dir = join(dataDir, 'uploads', '.incoming');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Drops what uploads cut off by a crash left in incomingUploadDir (older than `olderThanMs`: not one still arriving). */
export function clearStaleIncomingUploads(dataDir: string, olderThanMs = 24 * 3600_000, now = Date.now()): number {
  const dir = incomingUploadDir(dataDir);
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > olderThanMs) {
      rmSync(path, { force: true });
      n++;
    }
  }
  return n;
}

/** An upload streamed to `receivedPath` (in incomingUploadDir) is kept as saveUpload keeps one. */
export function keepUpload(dataDir: string, originalName: string, source: string, receivedPath: string): PendingUpload {
  const uploadPath = uploadPathFor(dataDir, originalName);
  renameSync(receivedPath, uploadPath);
  return remember(uploadPath, source, originalName);
}

function uploadPathFor(dataDir: string, originalName: string): string {
  const dir = join(dataDir, 'uploads');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${randomUUID()}-${originalName.replace(/[^\w.\u4e00-\u9fa5-]/g, '_')}`);
}

function remember(uploadPath: string, source: string, originalName: string): PendingUpload {
  writeFileSync(`${uploadPath}${META}`, JSON.stringify({ source, originalName }), 'utf8');
  return { uploadPath, source, originalName };
}

/** The note kept beside an upload (its source and name, and its import attempts). */
export function uploadNotePath(uploadPath: string): string {
  return `${uploadPath}${META}`;
}

/** The upload has been imported or set aside: nothing is left to re-queue. */
export async function forgetUpload(uploadPath: string): Promise<void> {
  await unlink(uploadNotePath(uploadPath)).catch(() => undefined);
}

/** Uploads still waiting in the folder, saved at least `olderThanMs` ago (their job had its chance). */
export async function pendingUploads(dataDir: string, olderThanMs: number, now = Date.now()): Promise<PendingUpload[]> {
  const dir = join(dataDir, 'uploads');
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: PendingUpload[] = [];
  for (const name of names.filter((n) => n.endsWith(META)).sort()) {
    const uploadPath = join(dir, name.slice(0, -META.length));
    const info = await stat(uploadPath).catch(() => null);
    if (!info) {
      // Imported or set aside by a worker that died before tidying up.
      await forgetUpload(uploadPath);
      continue;
    }
    if (now - info.mtimeMs < olderThanMs) continue;
    try {
      const meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as { source?: unknown; originalName?: unknown };
      if (typeof meta.source === 'string')
        out.push({ uploadPath, source: meta.source, originalName: typeof meta.originalName === 'string' ? meta.originalName : name });
    } catch {
      // A half-written note (crash while saving): the upload was never acknowledged.
    }
  }
  return out;
}
