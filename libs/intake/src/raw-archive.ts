import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import { copyFile, mkdir, unlink } from 'fs/promises';
import { dirname, extname, join } from 'path';
import { promisify } from 'util';
import type { HubConfig } from '@hub/config';
import { sharedStorageFor, type ObjectStorage } from '@hub/storage';

// The callback API, not fs/promises: fs/promises' writeFile makes one thread-pool round trip per
// step (open, write, close) and, with hundreds in flight, spent ~10x the system time here (2,000
// small files: 2.1 s vs 0.2 s, measured on this project's 2-core machine).
const writeFileCb = promisify(fs.writeFile);
const PID = process.pid;
const renameCb = promisify(fs.rename);
const exists = (path: string) => new Promise<boolean>((ok) => fs.access(path, (e) => ok(!e)));

/**
 * Content-addressed store of everything that came in (HUB_DATA_DIR/raw/<kind>/ab/abcdef...):
 * the same bytes twice are stored once, and nothing is ever overwritten or deleted. With a shared
 * bucket (HUB_STORAGE_URL) every item is also written there under the same key, if absent, before
 * the call returns: the folder is then this host's copy, and another host fetches what it lacks.
 */
export class RawArchive {
  constructor(
    private readonly dataDir: string,
    private readonly shared: ObjectStorage | null = null,
  ) {}

  /** The archive of this configuration: HUB_DATA_DIR, and the bucket when HUB_STORAGE_URL names one. */
  static of(config: Pick<HubConfig, 'env'>): RawArchive {
    return new RawArchive(config.env.dataDir, sharedStorageFor(config));
  }

  /** Fan-out folders this process has made (or is making): creating a file is the only syscall left per item. */
  private readonly folders = new Map<string, Promise<unknown>>();

  /** Where bytes with this hash go, and the temporary name they are written under first. */
  private target(kind: string, sha: string, ext: string): { rel: string; abs: string; dir: string; tmp: string } {
    const rel = join('raw', kind, sha.slice(0, 2), `${sha}${ext}`);
    const abs = join(this.dataDir, rel);
    return { rel, abs, dir: dirname(abs), tmp: `${abs}.${PID}.${randomBytes(4).toString('hex')}.tmp` };
  }

  private async place(kind: string, sha: string, ext: string): Promise<{ rel: string; abs: string; tmp: string }> {
    const t = this.target(kind, sha, ext);
    let made = this.folders.get(t.dir);
    if (!made) {
      // Shared by every item of a batch headed for the same new folder: one mkdir, not one each.
      made = mkdir(t.dir, { recursive: true });
      this.folders.set(t.dir, made);
      made.catch(() => this.folders.delete(t.dir));
    }
    await made;
    return t;
  }

  async putBytes(kind: string, bytes: Buffer, ext = ''): Promise<{ path: string; sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { rel, abs, tmp } = await this.place(kind, sha256, ext);
    if (!(await exists(abs))) {
      await writeFileCb(tmp, bytes).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
        // The folder went away under us (an archive moved or restored): make it again.
        await mkdir(dirname(abs), { recursive: true });
        await writeFileCb(tmp, bytes);
      });
      await settle(tmp, abs);
    }
    if (this.shared) await this.shared.putIfAbsent(rel, bytes);
    return { path: rel, sha256, size: bytes.length };
  }

  /**
   * putBytesSync, then (with a shared bucket) the bucket's copy: for the letters of a poll, whose
   * folder write stays on the main thread.
   */
  async putBytesShared(kind: string, bytes: Buffer, ext = ''): Promise<{ path: string; sha256: string; size: number }> {
    const stored = this.putBytesSync(kind, bytes, ext);
    if (this.shared) await this.shared.putIfAbsent(stored.path, bytes);
    return stored;
  }

  /**
   * The same without the thread pool, for small items written in batches (letters of a poll): every
   * asynchronous step (exists, write, rename) is a hand-off to another thread and back, which on the
   * main thread cost more than the system calls (a profiled 2,000-letter poll: 467 ms of main-thread
   * time in the archive, 372 ms written this way). Blocks the caller for the write; not for big files.
   */
  putBytesSync(kind: string, bytes: Buffer, ext = ''): { path: string; sha256: string; size: number } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { rel, abs, dir, tmp } = this.target(kind, sha256, ext);
    if (!fs.existsSync(abs)) {
      if (!this.folders.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.folders.set(dir, Promise.resolve());
      }
      try {
        fs.writeFileSync(tmp, bytes);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        fs.mkdirSync(dir, { recursive: true }); // the folder went away under us
        fs.writeFileSync(tmp, bytes);
      }
      try {
        fs.renameSync(tmp, abs);
      } catch (e) {
        if (!fs.existsSync(abs)) throw e;
        fs.rmSync(tmp, { force: true });
      }
    }
    return { path: rel, sha256, size: bytes.length };
  }

  /** Copies a file in (streaming hash, so a 1 GB export is not read into memory). */
  async putFile(kind: string, source: string): Promise<{ path: string; sha256: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of fs.createReadStream(source)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    const sha256 = hash.digest('hex');
    const { rel, abs, tmp } = await this.place(kind, sha256, extname(source).toLowerCase());
    if (!(await exists(abs))) {
      await copyFile(source, tmp);
      await settle(tmp, abs);
    }
    if (this.shared) await this.shared.putFileIfAbsent(rel, abs);
    return { path: rel, sha256, size };
  }

  absolute(rel: string): string {
    return join(this.dataDir, rel);
  }

  /** A file on this host with the item's bytes: this host's copy, or (shared bucket) fetched from the bucket once. */
  async localFile(rel: string): Promise<string> {
    const abs = this.absolute(rel);
    if (!this.shared || (await exists(abs))) return abs;
    return (await this.shared.localFile(rel)) ?? abs;
  }
}

/** Same bytes stored twice at once: whichever rename lands first wins, the other copy is dropped. */
async function settle(tmp: string, abs: string): Promise<void> {
  try {
    await renameCb(tmp, abs);
  } catch (e) {
    if (!(await exists(abs))) throw e;
    await unlink(tmp).catch(() => undefined);
  }
}
