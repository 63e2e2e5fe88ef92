import { mkdir, readFile, rename, writeFile } from 'fs/promises';
import { join } from 'path';

/**
 * A letter whose processing failed (or whose poll died with the process) this many times in a row
 * is quarantined as it is, raw bytes kept, so the letters behind it are not held up for ever and
 * the worker is not crashed at every poll. An administrator can re-run it after a fix.
 */
export const MAX_LETTER_ATTEMPTS = 2;

interface StrikeNote {
  uidValidity: string;
  uid: number;
  attempts: number;
  lastError?: string;
}

/**
 * Per mailbox, the first letter not yet recorded and how many polls tried it: kept in a small file
 * under HUB_DATA_DIR/mailbox-strikes (written before the letter is processed, so a crash counts).
 */
export class LetterStrikes {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'mailbox-strikes');
  }

  private path(mailbox: string): string {
    return join(this.dir, `${encodeURIComponent(mailbox)}.json`);
  }

  private async read(mailbox: string): Promise<StrikeNote | null> {
    try {
      return JSON.parse(await readFile(this.path(mailbox), 'utf8')) as StrikeNote;
    } catch {
      return null;
    }
  }

  private async write(mailbox: string, note: StrikeNote): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.path(mailbox)}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(note), 'utf8');
    await rename(tmp, this.path(mailbox));
  }

  /** Counts an attempt at letter `uid`; answers the earlier attempts at it that did not get past it. */
  async count(mailbox: string, uidValidity: string, uid: number): Promise<{ attempts: number; lastError?: string }> {
    const note = await this.read(mailbox);
    const same = note && note.uidValidity === uidValidity && note.uid === uid;
    const before = same ? { attempts: note.attempts, lastError: note.lastError } : { attempts: 0 };
    await this.write(mailbox, { uidValidity, uid, attempts: before.attempts + 1, lastError: before.lastError });
    return before;
  }

  /** Why the attempt counted last failed. */
  async noteError(mailbox: string, error: string): Promise<void> {
    const note = await this.read(mailbox);
    if (note) await this.write(mailbox, { ...note, lastError: error.slice(0, 1000) });
  }

  /** Takes back the attempt counted last: the poll failed for a reason that is not the letter's (IMAP or the database away). */
  async uncount(mailbox: string): Promise<void> {
    const note = await this.read(mailbox);
    if (note && note.attempts > 0) await this.write(mailbox, { ...note, attempts: note.attempts - 1 });
  }
}

/** The reason a letter tried MAX_LETTER_ATTEMPTS times is quarantined with. */
export function stuckLetterReason(before: { attempts: number; lastError?: string }): string {
  return before.lastError
    ? `这封信处理了 ${before.attempts} 次均失败，已隔离（原件保留，修复后可重新处理）。最后一次的错误：${before.lastError}`
    : `这封信处理了 ${before.attempts} 次均未完成（处理进程在处理它时退出，可能是信件过大或内存不足），已隔离（原件保留，修复后可重新处理）`;
}
