import { randomBytes } from 'crypto';
import { createReadStream, type Stats } from 'fs';
import { copyFile, link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'fs/promises';
import { dirname, join, relative, sep } from 'path';
import type { Readable } from 'stream';
import { checkKey, ObjectStorage, StoredObject } from './object-storage';

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/** The folder HUB_DATA_DIR as the store (the default: one host). Temporary files never show as objects. */
export class LocalFolderStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  readonly description: string;

  constructor(readonly root: string) {
    this.description = `folder ${root}`;
  }

  path(key: string): string {
    return join(this.root, checkKey(key));
  }

  private tmpFor(abs: string): string {
    return `${abs}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  }

  /** Written under a temporary name, then linked in: link() refuses an existing name, so the first writer wins and nothing is overwritten. */
  private async linkIn(abs: string, write: (tmp: string) => Promise<void>): Promise<boolean> {
    if (await this.exists(abs)) return false;
    await mkdir(dirname(abs), { recursive: true });
    const tmp = this.tmpFor(abs);
    await write(tmp);
    try {
      await link(tmp, abs);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  private exists(abs: string): Promise<boolean> {
    return stat(abs).then(
      () => true,
      () => false,
    );
  }

  putIfAbsent(key: string, body: Buffer): Promise<boolean> {
    return this.linkIn(this.path(key), (tmp) => writeFile(tmp, body));
  }

  putFileIfAbsent(key: string, source: string): Promise<boolean> {
    return this.linkIn(this.path(key), (tmp) => copyFile(source, tmp));
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    const abs = this.path(key);
    await mkdir(dirname(abs), { recursive: true });
    const tmp = this.tmpFor(abs);
    await writeFile(tmp, body);
    await rename(tmp, abs);
  }

  async get(key: string): Promise<Buffer | null> {
    return readFile(this.path(key)).catch((e) => {
      if (missing(e)) return null;
      throw e;
    });
  }

  async stream(key: string): Promise<Readable | null> {
    const abs = this.path(key);
    return (await this.exists(abs)) ? createReadStream(abs) : null;
  }

  async stat(key: string): Promise<StoredObject | null> {
    const s = await stat(this.path(key)).catch((e) => {
      if (missing(e)) return null;
      throw e;
    });
    return s?.isFile() ? { key, size: s.size, modifiedAt: s.mtime } : null;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    // The deepest folder the prefix names in full, walked from there.
    const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const out: StoredObject[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((e) => {
        if (missing(e)) return [];
        throw e;
      });
      for (const entry of entries) {
        const abs = join(dir, entry.name);
        const key = relative(this.root, abs).split(sep).join('/');
        if (entry.isDirectory()) {
          if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(abs);
        } else if (entry.isFile() && key.startsWith(prefix) && !key.endsWith('.tmp')) {
          const s: Stats | null = await stat(abs).catch(() => null);
          if (s) out.push({ key, size: s.size, modifiedAt: s.mtime });
        }
      }
    };
    await walk(dirPart ? join(this.root, dirPart) : this.root);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await unlink(this.path(key)).catch((e) => {
      if (!missing(e)) throw e;
    });
  }

  async localFile(key: string): Promise<string | null> {
    const abs = this.path(key);
    return (await this.exists(abs)) ? abs : null;
  }
}
