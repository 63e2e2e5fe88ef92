import { randomBytes } from 'crypto';
import { createReadStream, createWriteStream } from 'fs';
import { mkdir, rename, stat, unlink } from 'fs/promises';
import { dirname, join } from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { checkKey, ObjectStorage, StoredObject } from './object-storage';

export interface S3StorageOptions {
  bucket: string;
  /** Prepended to every key (`hub/`), so one bucket can hold several hubs. */
  prefix: string;
  /** Where objects fetched for readers that want a file are cached on this host. */
  cacheDir: string;
  client: S3ClientConfig;
}

const notFound = (e: unknown) =>
  e instanceof S3ServiceException ? e.$metadata.httpStatusCode === 404 || e.name === 'NotFound' || e.name === 'NoSuchKey' : false;
const alreadyThere = (e: unknown) => e instanceof S3ServiceException && (e.$metadata.httpStatusCode === 412 || e.name === 'PreconditionFailed');

/**
 * An S3-compatible bucket (AWS SDK v3) shared by every host. putIfAbsent asks first (HEAD) and
 * writes with `If-None-Match: *`, which S3 and most compatible servers honour; where a server
 * ignores it, two hosts writing the same content-addressed key at once write the same bytes.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  readonly description: string;
  readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client(options.client);
    this.description = `bucket ${options.bucket}${options.prefix ? `/${options.prefix}` : ''}`;
  }

  private key(key: string): string {
    return `${this.options.prefix}${checkKey(key)}`;
  }

  private async send<T>(what: Promise<T>): Promise<T | null> {
    try {
      return await what;
    } catch (e) {
      if (notFound(e)) return null;
      throw e;
    }
  }

  async putIfAbsent(key: string, body: Buffer): Promise<boolean> {
    if (await this.stat(key)) return false;
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Body: body, IfNoneMatch: '*' }));
      return true;
    } catch (e) {
      if (alreadyThere(e)) return false;
      throw e;
    }
  }

  async putFileIfAbsent(key: string, path: string): Promise<boolean> {
    if (await this.stat(key)) return false;
    const { size } = await stat(path);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Body: createReadStream(path), ContentLength: size, IfNoneMatch: '*' }),
      );
      return true;
    } catch (e) {
      if (alreadyThere(e)) return false;
      throw e;
    }
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Body: typeof body === 'string' ? Buffer.from(body) : body }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    const out = await this.send(this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) })));
    if (!out?.Body) return null;
    return Buffer.from(await out.Body.transformToByteArray());
  }

  async stream(key: string): Promise<Readable | null> {
    const out = await this.send(this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) })));
    return out?.Body ? (out.Body as Readable) : null;
  }

  async stat(key: string): Promise<StoredObject | null> {
    const out = await this.send(this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) })));
    return out ? { key, size: out.ContentLength ?? 0, modifiedAt: out.LastModified ?? new Date(0) } : null;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: `${this.options.prefix}${prefix}`, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? [])
        if (o.Key) out.push({ key: o.Key.slice(this.options.prefix.length), size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await this.send(this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) })));
  }

  async localFile(key: string): Promise<string | null> {
    const abs = join(this.options.cacheDir, checkKey(key));
    if (
      await stat(abs).then(
        () => true,
        () => false,
      )
    )
      return abs;
    const body = await this.stream(key);
    if (!body) return null;
    await mkdir(dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await pipeline(body, createWriteStream(tmp));
      await rename(tmp, abs);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    return abs;
  }

  destroy(): void {
    this.client.destroy();
  }
}
