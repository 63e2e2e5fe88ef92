import { randomUUID } from 'crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { readdir, readFile, stat, unlink } from 'fs/promises';
import { basename, join } from 'path';
import type { HubConfig } from '@hub/config';
import { sharedStorageFor, type ObjectStorage } from '@hub/storage';

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

/** The key of an upload (or its note) in the shared bucket. */
const uploadKey = (uploadPath: string, suffix = '') => `uploads/${basename(uploadPath)}${suffix}`;

/**
 * saveUpload, and with a shared bucket (HUB_STORAGE_URL) the file and its note there too, before
 * the upload is acknowledged: a worker on another host imports it, and its sweep finds it.
 */
export async function storeUpload(config: Pick<HubConfig, 'env'>, originalName: string, source: string, content: Buffer): Promise<PendingUpload> {
  const upload = saveUpload(config.env.dataDir, originalName, source, content);
  await shareUpload(config, upload);
  return upload;
}

/** keepUpload (an upload the API streamed to disk), and with a shared bucket the file and its note there too. */
export async function storeStreamedUpload(config: Pick<HubConfig, 'env'>, originalName: string, source: string, receivedPath: string): Promise<PendingUpload> {
  const upload = keepUpload(config.env.dataDir, originalName, source, receivedPath);
  await shareUpload(config, upload);
  return upload;
}

async function shareUpload(config: Pick<HubConfig, 'env'>, upload: PendingUpload): Promise<void> {
  const shared = sharedStorageFor(config);
  if (!shared) return;
  await shared.putFileIfAbsent(uploadKey(upload.uploadPath), upload.uploadPath);
  await shared.put(uploadKey(upload.uploadPath, META), JSON.stringify({ source: upload.source, originalName: upload.originalName }));
}

/**
 * A file on this host with the upload's bytes. One host: the path the API saved. With a shared
 * bucket the path may be another host's: this host's copy under its own HUB_DATA_DIR, fetched
 * from the bucket when it is not there yet.
 */
export async function uploadFile(config: Pick<HubConfig, 'env'>, uploadPath: string): Promise<string> {
  const shared = sharedStorageFor(config);
  if (!shared) return uploadPath;
  return (await shared.localFile(uploadKey(uploadPath))) ?? uploadPath;
}

/** The upload has been imported or set aside: nothing is left to re-queue (nor kept in the shared bucket). */
export async function forgetUpload(uploadPath: string, shared: ObjectStorage | null = null): Promise<void> {
  await unlink(`${uploadPath}${META}`).catch(() => undefined);
  if (shared) {
    await shared.delete(uploadKey(uploadPath, META));
    await shared.delete(uploadKey(uploadPath));
  }
}

/** Uploads still waiting, saved at least `olderThanMs` ago (their job had its chance): in the folder, or in the shared bucket. */
export async function pendingUploads(dataDir: string, olderThanMs: number, now = Date.now(), shared: ObjectStorage | null = null): Promise<PendingUpload[]> {
  if (shared) return pendingSharedUploads(shared, dataDir, olderThanMs, now);
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

async function pendingSharedUploads(shared: ObjectStorage, dataDir: string, olderThanMs: number, now: number): Promise<PendingUpload[]> {
  const objects = await shared.list('uploads/');
  const files = new Map(objects.filter((o) => !o.key.endsWith(META)).map((o) => [o.key, o]));
  const out: PendingUpload[] = [];
  for (const note of objects.filter((o) => o.key.endsWith(META))) {
    const key = note.key.slice(0, -META.length);
    const uploadPath = join(dataDir, key);
    const file = files.get(key);
    if (!file) {
      await shared.delete(note.key); // imported or set aside by a worker that died before tidying up
      continue;
    }
    if (now - file.modifiedAt.getTime() < olderThanMs) continue;
    try {
      const meta = JSON.parse((await shared.get(note.key))?.toString('utf8') ?? '') as { source?: unknown; originalName?: unknown };
      if (typeof meta.source === 'string')
        out.push({ uploadPath, source: meta.source, originalName: typeof meta.originalName === 'string' ? meta.originalName : basename(key) });
    } catch {
      // A half-written note: the upload was never acknowledged.
    }
  }
  return out;
}
