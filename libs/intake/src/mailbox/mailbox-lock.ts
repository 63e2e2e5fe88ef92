import { createHash, randomBytes } from 'crypto';
import { mkdir, open, readFile, stat, unlink, utimes } from 'fs/promises';
import { join } from 'path';
import type { RedisClient } from '@hub/queue';
import { NAMED_LOCKS, type UnitOfWork } from '@hub/database';

/** Held while one poll of a mailbox runs; released when it ends (or when its holder dies). */
export interface MailboxLease {
  release(): Promise<void>;
}

/** At most one poll of a mailbox at a time, across every worker and the CLI. */
export interface MailboxLock {
  /** Returns null at once when another process holds the mailbox. */
  acquire(mailbox: string, ttlMs: number): Promise<MailboxLease | null>;
}

const shortName = (mailbox: string) => createHash('sha1').update(mailbox).digest('hex').slice(0, 24);

/**
 * `SET {hub}:lock:mailbox:<name> <token> NX PX ttl`, refreshed while the poll runs, deleted only by
 * its owner. A killed holder's lock expires after ttl.
 */
export class RedisMailboxLock implements MailboxLock {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = '{hub}',
  ) {}

  key(mailbox: string): string {
    return `${this.prefix}:lock:mailbox:${mailbox}`;
  }

  async acquire(mailbox: string, ttlMs: number): Promise<MailboxLease | null> {
    const key = this.key(mailbox);
    const token = randomBytes(12).toString('hex');
    const ok = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return null;
    const timer = setInterval(
      () => {
        this.redis
          .eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end", 1, key, token, ttlMs)
          .catch(() => undefined);
      },
      Math.max(1000, Math.floor(ttlMs / 3)),
    );
    timer.unref();
    return {
      release: async () => {
        clearInterval(timer);
        await this.redis
          .eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, key, token)
          .catch(() => undefined);
      },
    };
  }
}

/**
 * The database as the lock, so the CLI and every worker agree without Redis: MySQL/MariaDB
 * `GET_LOCK` on a connection held for the poll (released by the server if the holder dies);
 * SQLite (one host by nature) an exclusive lock file under HUB_DATA_DIR, taken over when stale.
 */
export class DatabaseMailboxLock implements MailboxLock {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataDir: string,
  ) {}

  async acquire(mailbox: string, ttlMs: number): Promise<MailboxLease | null> {
    const locks = this.uow.read(NAMED_LOCKS);
    return locks.available() ? locks.tryAcquire(`hub-mbx-${shortName(mailbox)}`) : this.fileLock(mailbox, ttlMs);
  }

  private async fileLock(mailbox: string, ttlMs: number): Promise<MailboxLease | null> {
    const dir = join(this.dataDir, 'locks');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `mailbox-${shortName(mailbox)}.lock`);
    const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
    const tryCreate = async () => {
      try {
        const fh = await open(path, 'wx');
        await fh.writeFile(token);
        await fh.close();
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    };
    if (!(await tryCreate())) {
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age < ttlMs) return null;
      await unlink(path).catch(() => undefined); // stale: its holder died without releasing
      if (!(await tryCreate())) return null;
    }
    const timer = setInterval(
      () => {
        const now = new Date();
        utimes(path, now, now).catch(() => undefined);
      },
      Math.max(1000, Math.floor(ttlMs / 3)),
    );
    timer.unref();
    return {
      release: async () => {
        clearInterval(timer);
        const holder = await readFile(path, 'utf8').catch(() => null);
        if (holder === token) await unlink(path).catch(() => undefined);
      },
    };
  }
}
