import type { MailboxConfig } from '@hub/config';
import { isDatabaseUnavailable, MAILBOX_STATES, type MailboxStateEntity, type UnitOfWork } from '@hub/database';
import type { parseLetter } from '../mail';
import type { FetchedMessage, ImapSession, MessageMeta } from './imap-connector';
import type { LetterPreparer, PreparedLetter } from './letter-preparer';
import type { MailboxLock } from './mailbox-lock';
import type { CommitHooks, LetterRecorder, PollResult } from './letter-recorder';
import { type LetterStrikes, MAX_LETTER_ATTEMPTS, stuckLetterReason } from './letter-strikes';
import { splitAtReplies } from './reply-threading';

const MAX_ROUNDS = 5;

export interface MailboxSyncOptions extends CommitHooks {
  /** Default: the database (GET_LOCK on MySQL/MariaDB, a lock file for SQLite). */
  lock?: MailboxLock;
  /** The letter parser (default parseLetter); replaceable to test a re-run "after a fix". */
  parse?: typeof parseLetter;
  /** Letters per transaction (and per FETCH). */
  chunkSize?: number;
  /** Upper bound of the bytes fetched at once. */
  chunkBytes?: number;
  log?: (message: string) => void;
  /** Counts the polls that stopped at the same letter (default in intakeUseCases: files under HUB_DATA_DIR). */
  strikes?: LetterStrikes;
}

/** Marks an error as the IMAP server's (not the letter's): a strike is not counted for it. */
type ImapCall = <T>(p: Promise<T>) => Promise<T>;

/**
 * The IMAP side of a poll, on a session already open: the cursor (UIDVALIDITY, last UID) checked,
 * what is above it fetched in chunks, recorded, and only then marked \Seen or moved on the server.
 * Letters recorded once are never recorded again, also after a UIDVALIDITY change renumbers the folder.
 */
export class MailboxSync {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly preparer: LetterPreparer,
    private readonly recorder: LetterRecorder,
    private readonly opts: MailboxSyncOptions = {},
  ) {}

  async sync(mb: MailboxConfig, state: MailboxStateEntity, session: ImapSession, result: PollResult): Promise<void> {
    const status = await session.openFolder(mb.folder);
    // bigint columns come back as number or string depending on the driver
    state.uidValidity = state.uidValidity === null ? null : String(state.uidValidity);
    if (state.uidValidity !== status.uidValidity) {
      if (state.uidValidity !== null) {
        this.opts.log?.(
          `mailbox ${mb.name}: UIDVALIDITY changed ${state.uidValidity} -> ${status.uidValidity}; resynchronising from UID 1 (letters already recorded are skipped)`,
        );
      }
      state.uidValidity = status.uidValidity;
      state.lastUid = 0;
      await this.uow.read(MAILBOX_STATES).update(state.id, { uidValidity: state.uidValidity, lastUid: 0, folder: mb.folder });
    }
    await this.finishLeftovers(mb, state, session);
    const fromImap = new WeakSet<object>();
    const imap: ImapCall = (p) =>
      p.catch((e: unknown) => {
        if (e && typeof e === 'object') fromImap.add(e);
        throw e;
      });
    const strikes = this.opts.strikes;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        // Repeated so mail that arrives while this poll runs is taken by it too.
        const metas = await imap(session.listFrom(state.lastUid + 1));
        if (!metas.length) break;
        const before = strikes ? await strikes.count(mb.name, status.uidValidity, metas[0].uid) : { attempts: 0 };
        if (before.attempts >= MAX_LETTER_ATTEMPTS) await this.setAside(mb, state, session, metas[0].uid, stuckLetterReason(before), result, imap);
        else if (before.attempts > 0) await this.oneByOne(mb, state, session, this.chunks(metas)[0], status.uidValidity, result, imap);
        else await this.inChunks(mb, state, session, metas, result, imap);
      }
    } catch (e) {
      // A failure the letter is not to blame for (IMAP, the database away) does not count against it.
      if (fromImap.has(e as object) || isDatabaseUnavailable(e)) await strikes?.uncount(mb.name).catch(() => undefined);
      else await strikes?.noteError(mb.name, (e as Error)?.message ?? String(e)).catch(() => undefined);
      throw e;
    }
  }

  /** The usual way: two stages overlap; while one batch is written to the database, the next is fetched, archived and parsed. */
  private async inChunks(mb: MailboxConfig, state: MailboxStateEntity, session: ImapSession, metas: MessageMeta[], result: PollResult, imap: ImapCall) {
    const chunks = this.chunks(metas);
    const load = (chunk: MessageMeta[]) => imap(session.fetch(chunk.map((c) => c.uid))).then((fetched) => this.prepareAll(mb, fetched));
    let next: Promise<PreparedLetter[]> | null = load(chunks[0]);
    for (let i = 0; i < chunks.length; i++) {
      const prepared: PreparedLetter[] = await (next as Promise<PreparedLetter[]>);
      next = i + 1 < chunks.length ? load(chunks[i + 1]) : null;
      next?.catch(() => undefined); // its error surfaces when awaited; not unhandled meanwhile
      result.fetched += prepared.length;
      await this.ingest(mb, state, session, prepared, chunks[i][chunks[i].length - 1].uid, result);
    }
  }

  /** After a poll stopped at these letters: one at a time, each counted first, so the next failure names its letter. */
  private async oneByOne(
    mb: MailboxConfig,
    state: MailboxStateEntity,
    session: ImapSession,
    metas: MessageMeta[],
    uidValidity: string,
    result: PollResult,
    imap: ImapCall,
  ) {
    for (let i = 0; i < metas.length; i++) {
      if (i > 0) await this.opts.strikes?.count(mb.name, uidValidity, metas[i].uid);
      const prepared = await this.prepareAll(mb, await imap(session.fetch([metas[i].uid])));
      result.fetched += prepared.length;
      await this.ingest(mb, state, session, prepared, metas[i].uid, result);
    }
  }

  /** A letter that stopped MAX_LETTER_ATTEMPTS polls: quarantined unparsed (raw bytes kept), and the mailbox moves on. */
  private async setAside(mb: MailboxConfig, state: MailboxStateEntity, session: ImapSession, uid: number, reason: string, result: PollResult, imap: ImapCall) {
    const [fetched] = await imap(session.fetch([uid]));
    const prepared = fetched ? [this.preparer.quarantine(fetched.source, uid, reason, 'failed_repeatedly')] : [];
    result.fetched += prepared.length;
    this.opts.log?.(`mailbox ${mb.name}: letter UID ${uid} quarantined: ${reason}`);
    if (prepared.length) await this.ingest(mb, state, session, prepared, uid, result);
    else state.lastUid = Math.max(state.lastUid, uid); // gone from the server meanwhile
  }

  /** Archives and parses every raw message of a batch, all at once (mailparser's streams interleave). */
  private async prepareAll(mb: MailboxConfig, fetched: FetchedMessage[]): Promise<PreparedLetter[]> {
    return Promise.all(fetched.map((f) => this.preparer.prepare(mb, f.source, f.uid)));
  }

  /** Committed letters a crash left unmarked (between commit and STORE/MOVE) are finished now. */
  private async finishLeftovers(mb: MailboxConfig, state: MailboxStateEntity, session: ImapSession): Promise<void> {
    if (state.lastUid < 1) return;
    const move = mb.after.startsWith('move:');
    const uids = await session.searchUpTo(state.lastUid, { unseenOnly: !move });
    if (!uids.length) return;
    if (move) await session.move(uids, mb.after.slice('move:'.length));
    else await session.markSeen(uids);
  }

  private chunks(metas: MessageMeta[]): MessageMeta[][] {
    const size = this.opts.chunkSize ?? 200;
    const bytes = this.opts.chunkBytes ?? 32 * 1024 * 1024;
    const out: MessageMeta[][] = [];
    let cur: MessageMeta[] = [];
    let curBytes = 0;
    for (const m of metas) {
      if (cur.length && (cur.length >= size || curBytes + m.size > bytes)) {
        out.push(cur);
        cur = [];
        curBytes = 0;
      }
      cur.push(m);
      curBytes += m.size;
    }
    if (cur.length) out.push(cur);
    return out;
  }

  /** Each group recorded with the cursor, then flagged on the server (a crash in between is finished by the next poll). */
  private async ingest(
    mb: MailboxConfig,
    state: MailboxStateEntity,
    session: ImapSession,
    prepared: PreparedLetter[],
    chunkLastUid: number,
    result: PollResult,
  ): Promise<void> {
    const groups = splitAtReplies(prepared);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const cursor = g === groups.length - 1 ? Math.max(chunkLastUid, state.lastUid) : Math.max(...group.map((p) => p.uid ?? 0));
      const written = await this.recorder.commit(mb, state, group, cursor, result);
      state.lastUid = cursor;
      const uids = group.map((p) => p.uid).filter((u): u is number => u !== null);
      await this.opts.afterCommit?.({ mailbox: mb.name, uids, lastUid: cursor, written });
      if (uids.length) {
        if (mb.after.startsWith('move:')) await session.move(uids, mb.after.slice('move:'.length));
        else await session.markSeen(uids);
      }
    }
  }
}
