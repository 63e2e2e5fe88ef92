import { createHash } from 'crypto';
import { readFile } from 'fs/promises';
import { extname } from 'path';
import { DataSource, EntityManager, In } from 'typeorm';
import type { HubConfig, MailboxConfig } from '@hub/config';
import { consecutiveIdStep, ensureSource, IntakeItemEntity, isUniqueViolation, MailboxStateEntity } from '@hub/database';
import { type Clock, OPEN_STATUSES, STATUS_LABELS, systemClock, type TicketStatus } from '@hub/domain';
import { queueMail } from '@hub/notify';
import type { JobProducer } from '@hub/queue';
import { headerMessageId, LetterParseError, normaliseMessageId, type ParsedLetter, parseLetter } from '../mail';
import { RawArchive } from '../raw-archive';
import { type FetchedMessage, type ImapConnector, type ImapSession, MailboxConnectError, type MessageMeta } from './imap-connector';
import { ImapflowConnector } from './imapflow-connector';
import { type LetterDraft, type LetterOutcome, type StoredAttachment, writeLetters, type WrittenLetter } from './letter-writer';
import { DatabaseMailboxLock, type MailboxLock } from './mailbox-lock';
import { findReplyTicket, mayBeReply, referencedIds, type ThreadMatch } from './reply-threading';

export interface PollResult {
  fetched: number;
  created: number;
  threaded: number;
  ignored: number;
  quarantined: number;
  /** Letters already recorded (the same message twice, or seen again after a UIDVALIDITY change). */
  duplicates: number;
  /** Set when the poll did not run: another poll holds the mailbox, or a failing mailbox is backing off. */
  skipped?: 'locked' | 'backoff';
}

export interface ReparseResult {
  intakeItemId: number;
  status: string;
  ticketId: number | null;
  reason: string | null;
  /** True when the item had already become a ticket or reply: nothing was done. */
  unchanged: boolean;
}

export interface CommitInfo {
  mailbox: string;
  uids: number[];
  lastUid: number;
  written: WrittenLetter[];
}

export interface MailboxSyncOptions {
  /** Default: the database (GET_LOCK on MySQL/MariaDB, a lock file for SQLite). */
  lock?: MailboxLock;
  /** Letters per transaction (and per FETCH). */
  chunkSize?: number;
  /** Upper bound of the bytes fetched at once. */
  chunkBytes?: number;
  log?: (message: string) => void;
  /** The letter parser (default parseLetter); replaceable to test a re-run "after a fix". */
  parse?: typeof parseLetter;
  /** Test hooks: run inside the transaction just before commit, and right after it. */
  beforeCommit?: (info: CommitInfo) => void | Promise<void>;
  afterCommit?: (info: CommitInfo) => void | Promise<void>;
}

export class UnknownMailboxError extends Error {
  readonly code = 'BAD_INPUT';
}

export class IntakeItemNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

interface Prepared {
  uid: number | null;
  messageId: string;
  raw: { path: string; sha256: string; size: number };
  attachments: StoredAttachment[];
  outcome: LetterOutcome;
}

const LOCK_TTL_MS = 120_000;
const MAX_ROUNDS = 5;
const FAILURES_BEFORE_ALERT = 3;
const MAX_BACKOFF_MS = 30 * 60_000;
const emptyResult = (): PollResult => ({ fetched: 0, created: 0, threaded: 0, ignored: 0, quarantined: 0, duplicates: 0 });

/**
 * Turns the letters in the configured mailboxes into tickets: nothing lost, nothing doubled.
 *
 * Per mailbox a cursor (UIDVALIDITY, last UID) lives in mailbox_states. A poll fetches only what is
 * above the cursor; each batch of letters is archived raw, parsed, and written in one transaction
 * together with the cursor, so a poll killed at any point resumes exactly where it stopped.
 * A letter recorded once (unique mailbox + Message-ID) is never recorded again, also after a
 * UIDVALIDITY change renumbers the folder. Only after the commit is the message marked \Seen or
 * moved on the server.
 */
export class MailboxSync {
  private readonly archive: RawArchive;
  private readonly lock: MailboxLock;
  private readonly sourceIds = new Map<string, number>();
  private readonly log: (message: string) => void;
  private readonly parse: typeof parseLetter;

  constructor(
    private readonly ds: DataSource,
    private readonly config: HubConfig,
    private readonly jobs: JobProducer | null,
    private readonly imap: ImapConnector = new ImapflowConnector(config.env.configDir),
    private readonly clock: Clock = systemClock,
    private readonly opts: MailboxSyncOptions = {},
  ) {
    this.archive = new RawArchive(config.env.dataDir);
    this.lock = opts.lock ?? new DatabaseMailboxLock(ds, config.env.dataDir);
    this.log = opts.log ?? (() => undefined);
    this.parse = opts.parse ?? parseLetter;
  }

  mailboxNames(): string[] {
    return this.config.mailboxes.mailboxes.map((m) => m.name);
  }

  mailbox(name: string): MailboxConfig {
    const mb = this.config.mailboxes.mailboxes.find((m) => m.name === name);
    if (!mb) {
      const known = this.mailboxNames();
      throw new UnknownMailboxError(`unknown mailbox ${name}; mailboxes.yaml lists: ${known.length ? known.join(', ') : 'none'}`);
    }
    return mb;
  }

  /** Polls every configured mailbox once (ignoring back-off); a failing one does not stop the others. */
  async pollAll(): Promise<Record<string, PollResult | { error: string }>> {
    const out: Record<string, PollResult | { error: string }> = {};
    for (const name of this.mailboxNames()) {
      try {
        out[name] = await this.poll(name, { force: true });
      } catch (e) {
        out[name] = { error: (e as Error).message };
      }
    }
    return out;
  }

  /**
   * Polls one mailbox once. `force` ignores the back-off of a failing mailbox (a person asked).
   * Throws MailboxConnectError (after recording it on the mailbox's state) when the server
   * cannot be reached or refuses the login.
   */
  async poll(name: string, opts: { force?: boolean } = {}): Promise<PollResult> {
    const mb = this.mailbox(name);
    const result = emptyResult();
    const lease = await this.lock.acquire(mb.name, LOCK_TTL_MS);
    if (!lease) return { ...result, skipped: 'locked' };
    try {
      const state = await this.ensureState(mb);
      if (!opts.force && this.inBackoff(mb, state)) return { ...result, skipped: 'backoff' };
      let session: ImapSession | null = null;
      try {
        session = await this.imap.connect(mb);
        await this.sync(mb, state, session, result);
      } catch (e) {
        if (e instanceof MailboxConnectError) await this.recordFailure(mb, e);
        throw e;
      } finally {
        await session?.close().catch(() => undefined);
      }
      await this.recordSuccess(mb, result);
      return result;
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  private async sync(mb: MailboxConfig, state: MailboxStateEntity, session: ImapSession, result: PollResult): Promise<void> {
    const status = await session.openFolder(mb.folder);
    // bigint columns come back as number or string depending on the driver
    state.uidValidity = state.uidValidity === null ? null : String(state.uidValidity);
    if (state.uidValidity !== status.uidValidity) {
      if (state.uidValidity !== null) {
        this.log(`mailbox ${mb.name}: UIDVALIDITY changed ${state.uidValidity} -> ${status.uidValidity}; resynchronising from UID 1 (letters already recorded are skipped)`);
      }
      state.uidValidity = status.uidValidity;
      state.lastUid = 0;
      await this.ds.getRepository(MailboxStateEntity).update(state.id, { uidValidity: state.uidValidity, lastUid: 0, folder: mb.folder });
    }
    await this.finishLeftovers(mb, state, session);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // Repeated so mail that arrives while this poll runs is taken by it too.
      const metas = await session.listFrom(state.lastUid + 1);
      if (!metas.length) break;
      // Two stages overlap: while one batch is written to the database, the next is fetched,
      // archived and parsed.
      const chunks = this.chunks(metas);
      const load = (chunk: MessageMeta[]) => session.fetch(chunk.map((c) => c.uid)).then((fetched) => this.prepareAll(mb, fetched));
      let next: Promise<Prepared[]> | null = load(chunks[0]);
      for (let i = 0; i < chunks.length; i++) {
        const prepared: Prepared[] = await (next as Promise<Prepared[]>);
        next = i + 1 < chunks.length ? load(chunks[i + 1]) : null;
        next?.catch(() => undefined); // its error surfaces when awaited; not unhandled meanwhile
        result.fetched += prepared.length;
        await this.ingest(mb, state, session, prepared, chunks[i][chunks[i].length - 1].uid, result);
      }
    }
  }

  /** Archives and parses every raw message of a batch, all at once (mailparser's streams interleave). */
  private async prepareAll(mb: MailboxConfig, fetched: FetchedMessage[]): Promise<Prepared[]> {
    return Promise.all(fetched.map((f) => this.prepare(mb, f.source, f.uid)));
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

  private async ingest(
    mb: MailboxConfig, state: MailboxStateEntity, session: ImapSession, prepared: Prepared[], chunkLastUid: number, result: PollResult,
  ): Promise<void> {
    // A letter that refers to another letter of the same batch waits for that one's commit,
    // so a quick follow-up is threaded onto the ticket its predecessor created.
    const groups: Prepared[][] = [];
    let cur: Prepared[] = [];
    let ids = new Set<string>();
    for (const p of prepared) {
      const letter = 'letter' in p.outcome ? p.outcome.letter : null;
      if (cur.length && letter && referencedIds(letter).some((id) => ids.has(id))) {
        groups.push(cur);
        cur = [];
        ids = new Set();
      }
      cur.push(p);
      ids.add(p.messageId);
    }
    if (cur.length) groups.push(cur);
    if (!groups.length) groups.push([]);

    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const cursor = g === groups.length - 1 ? Math.max(chunkLastUid, state.lastUid) : Math.max(...group.map((p) => p.uid ?? 0));
      let written: WrittenLetter[];
      try {
        written = await this.commit(mb, state, group, cursor, result);
      } catch (e) {
        if (!isUniqueViolation(e) || group.length < 1) throw e;
        // Someone recorded some of these meanwhile: one letter per transaction, doubles skipped.
        written = [];
        for (let i = 0; i < group.length; i++) {
          const last = i === group.length - 1 ? cursor : (group[i].uid ?? cursor);
          try {
            written.push(...(await this.commit(mb, state, [group[i]], last, result)));
          } catch (inner) {
            if (!isUniqueViolation(inner)) throw inner;
            result.duplicates++;
            await this.commit(mb, state, [], last, result);
          }
        }
      }
      state.lastUid = cursor;
      const uids = group.map((p) => p.uid).filter((u): u is number => u !== null);
      await this.opts.afterCommit?.({ mailbox: mb.name, uids, lastUid: cursor, written });
      if (uids.length) {
        if (mb.after.startsWith('move:')) await session.move(uids, mb.after.slice('move:'.length));
        else await session.markSeen(uids);
      }
      await this.enqueueClassify(written);
    }
  }

  /** Archives the raw bytes and the attachments, and decides what the letter is. */
  private async prepare(
    mb: MailboxConfig, source: Buffer, uid: number | null, knownId?: string,
  ): Promise<Prepared> {
    const parsing = this.parse(source, {
      maxAttachmentBytes: mb.maxAttachmentBytes, ticketPrefix: this.config.env.ticketPrefix, ownAddresses: this.ownAddresses(mb),
    }).then((l) => ({ letter: l, error: null }), (e: unknown) => ({ letter: null, error: e }));
    const raw = this.archive.putBytesSync('mail', source, '.eml'); // recorded before anything is decided
    const { letter, error } = await parsing;
    const headerId = knownId ? null : headerMessageId(source);
    const fallbackId = knownId ?? (headerId ? normaliseMessageId(headerId) : null) ?? `<${raw.sha256.slice(0, 40)}@synthetic.hub>`;
    if (!letter) {
      const e = error as Error;
      const reason = e instanceof LetterParseError ? e.reason : `邮件解析时出错：${e?.message ?? String(e)}`;
      const code = e instanceof LetterParseError ? e.code : 'parser_failed';
      return { uid, messageId: fallbackId.slice(0, 500), raw, attachments: [], outcome: { kind: 'quarantined', reason, code } };
    }
    const messageId = (knownId ?? letter.messageId).slice(0, 500);
    if (letter.ignore) {
      return { uid, messageId, raw, attachments: [], outcome: { kind: 'ignored', letter, reason: letter.ignore.reason, code: letter.ignore.kind } };
    }
    const attachments: StoredAttachment[] = await Promise.all(letter.attachments.map(async (a) => {
      let path: string | null = null;
      if (a.content && !a.tooLarge) {
        const ext = extname(a.filename).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 10);
        path = (await this.archive.putBytes('attachments', a.content, ext)).path;
      }
      return { filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, path, tooLarge: a.tooLarge };
    }));
    return { uid, messageId, raw, attachments, outcome: { kind: 'ticket', letter } };
  }

  private ownAddresses(mb: MailboxConfig): string[] {
    const from = /<([^>]+)>/.exec(this.config.env.mailFrom)?.[1] ?? this.config.env.mailFrom;
    return [mb.address, mb.user, from].filter((a): a is string => Boolean(a && a.includes('@')));
  }

  private async sourceId(name: string): Promise<number> {
    let id = this.sourceIds.get(name);
    if (id === undefined) {
      id = (await ensureSource(this.ds, name, 'mailbox')).id;
      this.sourceIds.set(name, id);
    }
    return id;
  }

  /** One transaction: skip doubles, thread replies, write the letters, advance the cursor. */
  private async commit(mb: MailboxConfig, state: MailboxStateEntity, group: Prepared[], cursor: number, result: PollResult): Promise<WrittenLetter[]> {
    const sourceId = await this.sourceId(mb.name);
    const now = this.clock.now();
    const counts = emptyResult();
    const written = await this.ds.transaction(async (m) => {
      const known = new Set<string>();
      const knownUids = new Set<number>();
      if (group.length) {
        // Letters recorded before, by Message-ID or by their UID in this UIDVALIDITY: one query.
        const ids = group.map((p) => p.messageId);
        const uids = state.uidValidity === null ? [] : group.map((p) => p.uid).filter((u): u is number => u !== null);
        const marks = (n: number) => Array(n).fill('?').join(',');
        const rows: Array<{ messageId: string | null; uid: number | null; uidValidity: string | null }> = await m.query(
          `SELECT messageId, uid, uidValidity FROM intake_items WHERE mailbox = ? AND (messageId IN (${marks(ids.length)})${uids.length ? ` OR (uidValidity = ? AND uid IN (${marks(uids.length)}))` : ''})`,
          [mb.name, ...ids, ...(uids.length ? [state.uidValidity, ...uids] : [])],
        );
        for (const r of rows) {
          if (r.messageId) known.add(r.messageId);
          if (r.uid !== null && r.uidValidity !== null && String(r.uidValidity) === state.uidValidity) knownUids.add(Number(r.uid));
        }
      }
      const drafts: LetterDraft[] = [];
      for (const p of group) {
        if (known.has(p.messageId) || (p.uid !== null && knownUids.has(p.uid))) {
          counts.duplicates++;
          continue;
        }
        known.add(p.messageId);
        drafts.push({
          mailbox: mb.name, folder: mb.folder, uidValidity: state.uidValidity, uid: p.uid, messageId: p.messageId, raw: p.raw,
          attachments: p.attachments, outcome: await this.thread(m, p.outcome, mb.name), attempts: 1,
        });
      }
      const out = drafts.length ? await writeLetters(m, { sourceId, sourceName: mb.name, now }, drafts, await consecutiveIdStep(m)) : [];
      for (const w of out) {
        if (w.status === 'ticketed') counts.created++;
        else if (w.status === 'threaded') counts.threaded++;
        else if (w.status === 'ignored') counts.ignored++;
        else counts.quarantined++;
      }
      await m.getRepository(MailboxStateEntity).update(state.id, {
        lastUid: cursor, uidValidity: state.uidValidity, ...(drafts.length ? { lastMailAt: now } : {}),
      });
      await this.opts.beforeCommit?.({ mailbox: mb.name, uids: group.map((p) => p.uid ?? 0), lastUid: cursor, written: out });
      return out;
    });
    result.created += counts.created;
    result.threaded += counts.threaded;
    result.ignored += counts.ignored;
    result.quarantined += counts.quarantined;
    result.duplicates += counts.duplicates;
    return written;
  }

  private async thread(m: EntityManager, outcome: LetterOutcome, mailbox: string): Promise<LetterOutcome> {
    if (outcome.kind !== 'ticket' || !mayBeReply(outcome.letter)) return outcome;
    const mailboxes = [...new Set([...this.mailboxNames(), mailbox])];
    const match = await findReplyTicket(m, outcome.letter, { ticketPrefix: this.config.env.ticketPrefix, mailboxes, mailbox });
    if (!match) return outcome;
    // Nobody works a finished ticket any more (办结, 无效, 直接答复…): a letter answering one, often
    // "not solved" or a new matter, is registered as a new letter that names the ticket it follows.
    if (!(OPEN_STATUSES as readonly string[]).includes(match.status)) return { kind: 'ticket', letter: followUpLetter(outcome.letter, match) };
    return { kind: 'thread', letter: outcome.letter, match };
  }

  private async enqueueClassify(written: WrittenLetter[]): Promise<void> {
    const ids = [...new Set(written.filter((w) => w.status === 'ticketed' && w.ticketId !== null).map((w) => w.ticketId as number))].sort((a, b) => a - b);
    if (!ids.length || !this.jobs) return;
    // Redis down: the triage sweep finds tickets still `received` and queues them again.
    await this.jobs.add('ticket-classify', { ticketIds: ids }).catch(() => undefined);
  }

  /**
   * Runs a recorded letter (quarantined, or ignored by mistake) through the pipeline again from
   * its raw bytes, after a fix. A letter that already became a ticket or a reply is left alone.
   */
  async reparse(intakeItemId: number): Promise<ReparseResult> {
    const repo = this.ds.getRepository(IntakeItemEntity);
    const item = await repo.findOneBy({ id: intakeItemId });
    if (!item || item.kind !== 'mail') throw new IntakeItemNotFoundError(`intake item ${intakeItemId} is not a recorded letter`);
    const unchanged = (): ReparseResult => ({ intakeItemId, status: item.status, ticketId: item.ticketId, reason: item.reason, unchanged: true });
    if (!['quarantined', 'received', 'ignored'].includes(item.status)) return unchanged();
    const mailboxName = item.mailbox ?? item.sourceName;
    // A mailbox since removed from the config still has its letters re-run, with default limits.
    const mb = this.config.mailboxes.mailboxes.find((m) => m.name === mailboxName)
      ?? ({ name: mailboxName, folder: item.folder ?? 'INBOX', maxAttachmentBytes: 20 * 1024 * 1024, user: '', after: 'seen' } as MailboxConfig);
    const source = await readFile(this.archive.absolute(item.rawPath));
    const p = await this.prepare(mb, source, item.uid, item.messageId ?? undefined);
    const sourceId = await this.sourceId(mailboxName);
    const now = this.clock.now();
    const written = await this.ds.transaction(async (m) => {
      // Claims the item: a second reparse running at the same time finds nothing to do.
      const claimed = await m.createQueryBuilder().update(IntakeItemEntity).set({ attempts: () => 'attempts + 1' } as never)
        .where('id = :id AND status = :status', { id: item.id, status: item.status }).execute();
      if (!claimed.affected) return null;
      const draft: LetterDraft = {
        existingId: item.id, mailbox: mailboxName, folder: item.folder ?? mb.folder, uidValidity: item.uidValidity, uid: item.uid,
        messageId: item.messageId ?? p.messageId, raw: p.raw, attachments: p.attachments, outcome: await this.thread(m, p.outcome, mailboxName),
        attempts: item.attempts + 1,
      };
      return writeLetters(m, { sourceId, sourceName: mailboxName, now }, [draft]);
    });
    if (written) await this.enqueueClassify(written);
    const after = await repo.findOneByOrFail({ id: item.id });
    return { intakeItemId, status: after.status, ticketId: after.ticketId, reason: after.reason, unchanged: !written };
  }

  // ---- health: cursor row, failures, back-off, alerts -------------------------------------

  private async ensureState(mb: MailboxConfig): Promise<MailboxStateEntity> {
    const repo = this.ds.getRepository(MailboxStateEntity);
    const found = await repo.findOneBy({ mailbox: mb.name });
    if (found) return found;
    try {
      // lastMailAt starts as "watched since", so a mailbox that never receives anything is noticed.
      await repo.insert({ mailbox: mb.name, folder: mb.folder, lastUid: 0, status: 'unknown', consecutiveFailures: 0, lastMailAt: this.clock.now() });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return repo.findOneByOrFail({ mailbox: mb.name });
  }

  private inBackoff(mb: MailboxConfig, state: MailboxStateEntity): boolean {
    if (state.status !== 'failing' || !state.lastPollAt || state.consecutiveFailures < 1) return false;
    const wait = Math.min(MAX_BACKOFF_MS, mb.pollIntervalSeconds * 1000 * 2 ** (state.consecutiveFailures - 1));
    // Scheduled polls fire every interval; a failing mailbox is tried every 1, 2, 4... intervals.
    return this.clock.now().getTime() < state.lastPollAt.getTime() + wait - 1000;
  }

  private supervisors(): string[] {
    return this.config.units.supervisors.map((s) => s.email);
  }

  private async recordFailure(mb: MailboxConfig, error: MailboxConnectError): Promise<void> {
    const now = this.clock.now();
    const outboxId = await this.ds.transaction(async (m) => {
      const repo = m.getRepository(MailboxStateEntity);
      const s = await repo.findOneByOrFail({ mailbox: mb.name });
      const failures = s.consecutiveFailures + 1;
      const alertNow = s.alertKind !== 'failing' && (failures >= FAILURES_BEFORE_ALERT || ['auth', 'folder', 'tls'].includes(error.kind));
      await repo.update(s.id, {
        status: 'failing', lastError: error.message.slice(0, 2000), consecutiveFailures: failures, lastPollAt: now,
        ...(alertNow ? { alertKind: 'failing', alertedAt: now } : {}),
      });
      if (!alertNow) return null;
      return this.queueAlert(m, `mbx-failing-${mb.name}-${s.lastSuccessAt?.getTime() ?? 'never'}`,
        `【信箱故障】${mb.name} 无法收信`,
        [
          `信箱“${mb.name}”（${mb.user}@${mb.host}:${mb.port}）收信失败，已连续 ${failures} 次。`,
          '', `错误：${error.message}`, '',
          s.lastSuccessAt ? `最后一次成功收信：${s.lastSuccessAt.toISOString()}` : '该信箱还没有成功收过信。',
          '在问题解决前，市民来信会留在信箱里，不会丢失；恢复后系统会自动补收。',
          '本次故障只提醒这一次；恢复后会再通知。',
        ].join('\n'));
    });
    this.log(error.message);
    await this.sendQueued(outboxId);
  }

  private async recordSuccess(mb: MailboxConfig, result: PollResult): Promise<void> {
    const now = this.clock.now();
    const outboxId = await this.ds.transaction(async (m) => {
      const repo = m.getRepository(MailboxStateEntity);
      const s = await repo.findOneByOrFail({ mailbox: mb.name });
      const gotMail = result.fetched - result.duplicates > 0;
      const recovered = s.alertKind === 'failing';
      const stillSilent = s.status === 'silent' && !gotMail;
      await repo.update(s.id, {
        status: stillSilent ? 'silent' : 'ok', lastError: null, consecutiveFailures: 0, lastPollAt: now, lastSuccessAt: now,
        ...(recovered || (s.alertKind === 'silent' && gotMail) ? { alertKind: null, alertedAt: null } : {}),
      });
      if (!recovered || !s.alertedAt) return null;
      return this.queueAlert(m, `mbx-recovered-${mb.name}-${s.alertedAt.getTime()}`, `【信箱恢复】${mb.name} 已恢复收信`,
        `信箱“${mb.name}”已恢复收信（故障自 ${s.alertedAt.toISOString()} 起）。本次收到 ${result.fetched} 封，新建工单 ${result.created} 件。`);
    });
    await this.sendQueued(outboxId);
  }

  /**
   * The periodic health pass: a mailbox that has received nothing for its `silentAlertHours`
   * is marked silent and an administrator is told once.
   */
  async checkHealth(): Promise<Array<{ mailbox: string; status: string; alerted: boolean }>> {
    const now = this.clock.now();
    const out: Array<{ mailbox: string; status: string; alerted: boolean }> = [];
    for (const mb of this.config.mailboxes.mailboxes) {
      const state = await this.ensureState(mb);
      if (!mb.silentAlertHours || state.status === 'failing' || !state.lastMailAt) {
        out.push({ mailbox: mb.name, status: state.status, alerted: false });
        continue;
      }
      const silentMs = now.getTime() - state.lastMailAt.getTime();
      if (silentMs < mb.silentAlertHours * 3600_000 || state.alertKind === 'silent') {
        out.push({ mailbox: mb.name, status: state.status, alerted: false });
        continue;
      }
      const outboxId = await this.ds.transaction(async (m) => {
        await m.getRepository(MailboxStateEntity).update(state.id, { status: 'silent', alertKind: 'silent', alertedAt: now });
        const hours = Math.floor(silentMs / 3600_000);
        return this.queueAlert(m, `mbx-silent-${mb.name}-${state.lastMailAt?.getTime()}`, `【信箱无来信】${mb.name} 已 ${hours} 小时没有收到邮件`,
          [
            `信箱“${mb.name}”（${mb.user}@${mb.host}）自 ${state.lastMailAt?.toISOString()} 起没有收到任何邮件（超过设定的 ${mb.silentAlertHours} 小时）。`,
            '收信连接本身正常。请检查：网站信箱表单是否仍转发到该地址、邮件服务器的转发和过滤规则、信箱是否已满。',
            '在收到新邮件之前不会再次提醒。',
          ].join('\n'));
      });
      await this.sendQueued(outboxId);
      this.log(`mailbox ${mb.name}: nothing received for ${mb.silentAlertHours} h or more — marked silent`);
      out.push({ mailbox: mb.name, status: 'silent', alerted: true });
    }
    return out;
  }

  private async queueAlert(m: EntityManager, dedupeKey: string, subject: string, text: string): Promise<number | null> {
    const to = this.supervisors();
    if (!to.length) {
      this.log(`no supervisors in units.yaml to alert: ${subject}`);
      return null;
    }
    const key = dedupeKey.length <= 150 ? dedupeKey : `${dedupeKey.slice(0, 100)}-${createHash('sha1').update(dedupeKey).digest('hex').slice(0, 20)}`;
    return queueMail(m, { dedupeKey: key, kind: 'alert', to, subject, text });
  }

  private async sendQueued(outboxId: number | null): Promise<void> {
    if (outboxId && this.jobs) await this.jobs.add('mail-send', { outboxId }).catch(() => undefined);
  }
}

/** A letter answering a finished ticket, as a new letter whose text first says which ticket it follows. */
function followUpLetter(letter: ParsedLetter, match: ThreadMatch): ParsedLetter {
  const label = STATUS_LABELS[match.status as TicketStatus] ?? match.status;
  return { ...letter, text: [`（此信回复的工单 ${match.number} 状态为“${label}”，已不在办理中，作为新来信登记。）`, letter.text].filter(Boolean).join('\n\n') };
}
