import type { Readable } from 'stream';

/** One stored object as a listing shows it. */
export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

/**
 * The one port for files: raw letters and exports, attachments, uploads waiting for import,
 * reports, rejects and routing models. Keys are relative paths (`raw/mail/ab/ab12….eml`,
 * `uploads/…`, `models/active.json`). Content-addressed keys (the raw archive) are written with
 * putIfAbsent, so the same bytes arriving twice, on two hosts at once, are stored once and never
 * overwritten; other keys are written whole (never half: a reader sees the old object or the new).
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** For logs: the folder or the bucket. */
  readonly description: string;
  /** Writes the object unless one exists under the key; true when this call wrote it. */
  putIfAbsent(key: string, body: Buffer): Promise<boolean>;
  /** The same for a file on this host, streamed (an export of a gigabyte is not read into memory). */
  putFileIfAbsent(key: string, path: string): Promise<boolean>;
  /** Writes (or replaces) the object. */
  put(key: string, body: Buffer | string): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  /** The bytes as a stream, or null when there is no such object. */
  stream(key: string): Promise<Readable | null>;
  stat(key: string): Promise<StoredObject | null>;
  /** Every object whose key starts with the prefix, in key order. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A path on this host holding the object's bytes, for readers that want a file (the export
   * parser): the folder adapter's own file, or for a bucket a copy fetched once into the local
   * cache. Null when there is no such object.
   */
  localFile(key: string): Promise<string | null>;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** A key the stores accept: a relative path of plain segments (no `..`, no leading slash, no backslash). */
export function checkKey(key: string): string {
  if (!key || key.startsWith('/') || key.includes('\\') || key.split('/').some((s) => s === '' || s === '.' || s === '..'))
    throw new Error(`invalid storage key "${key}"`);
  return key;
}
