import type { HubConfig, MailboxConfig } from '@hub/config';
import { INTAKE_TICKETS, isUniqueViolation, MAILBOX_STATES, type MailboxStateEntity, REPLY_THREADS, type UnitOfWork } from '@hub/database';
import type { Clock } from '@hub/domain';
import type { IntakeDraft, KeptItem, RecordedIntake } from '../intake-draft';
import type { RecordIntakeUseCase } from '../usecases/record-intake/record-intake.usecase';
import { letterDraft } from './letter-draft';
import type { PreparedLetter } from './letter-preparer';
import { threadOutcome } from './reply-threading';

/** What one poll did; `hub mailbox poll` prints these. */
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

export const emptyPollResult = (): PollResult => ({ fetched: 0, created: 0, threaded: 0, ignored: 0, quarantined: 0, duplicates: 0 });

export interface WrittenLetter {
  messageId: string;
  intakeItemId: number | null;
  status: 'ticketed' | 'threaded' | 'ignored' | 'quarantined';
  ticketId: number | null;
}

export interface CommitInfo {
  mailbox: string;
  uids: number[];
  lastUid: number;
  written: WrittenLetter[];
}

/** Test hooks: run inside the transaction just before commit, and right after it. */
export interface CommitHooks {
  beforeCommit?: (info: CommitInfo) => void | Promise<void>;
  afterCommit?: (info: CommitInfo) => void | Promise<void>;
}

/**
 * Records a group of letters with the mailbox's cursor in one transaction: each is threaded (a
 * reply to a ticket being handled joins it) and handed to record-intake as a draft, which skips
 * letters recorded before. The cursor moves with them, so a poll killed at any point resumes
 * exactly where it stopped.
 */
export class LetterRecorder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: HubConfig,
    private readonly clock: Clock,
    private readonly record: RecordIntakeUseCase,
    private readonly hooks: CommitHooks = {},
  ) {}

  /** Drafts of a group, threaded now (after the commit of every letter before it). */
  async drafts(
    mb: Pick<MailboxConfig, 'name' | 'folder'> & { city?: string },
    uidValidity: string | null,
    group: PreparedLetter[],
    rerunOf?: KeptItem['rerunOf'],
  ): Promise<IntakeDraft[]> {
    const now = this.clock.now();
    const db = { threads: this.uow.read(REPLY_THREADS), tickets: this.uow.read(INTAKE_TICKETS) };
    const mailboxes = [...new Set([...this.config.mailboxes.mailboxes.map((m) => m.name), mb.name])];
    const out: IntakeDraft[] = [];
    for (const p of group) {
      const outcome = await threadOutcome(db, p.outcome, { ticketPrefix: this.config.env.ticketPrefix, mailboxes, mailbox: mb.name });
      out.push(letterDraft(p, outcome, { mailbox: mb.name, folder: mb.folder, uidValidity, now, rerunOf, city: mb.city ?? null }));
    }
    return out;
  }

  /**
   * One transaction for the group and the cursor. When another process recorded some of these
   * letters meanwhile (a key record-intake could not foresee), one letter per transaction, and
   * a letter that still collides is counted as a duplicate and passed over.
   */
  async commit(mb: MailboxConfig, state: MailboxStateEntity, group: PreparedLetter[], cursor: number, result: PollResult): Promise<WrittenLetter[]> {
    try {
      return await this.commitOnce(mb, state, group, cursor, result);
    } catch (e) {
      if (!isUniqueViolation(e) || group.length < 1) throw e;
      const written: WrittenLetter[] = [];
      for (let i = 0; i < group.length; i++) {
        const last = i === group.length - 1 ? cursor : (group[i].uid ?? cursor);
        try {
          written.push(...(await this.commitOnce(mb, state, [group[i]], last, result)));
        } catch (inner) {
          if (!isUniqueViolation(inner)) throw inner;
          result.duplicates++;
          await this.commitOnce(mb, state, [], last, result);
        }
      }
      return written;
    }
  }

  private async commitOnce(
    mb: MailboxConfig,
    state: MailboxStateEntity,
    group: PreparedLetter[],
    cursor: number,
    result: PollResult,
  ): Promise<WrittenLetter[]> {
    const drafts = await this.drafts(mb, state.uidValidity, group);
    const now = this.clock.now();
    let written: WrittenLetter[] = [];
    const { recorded } = await this.record.execute({
      drafts,
      oneTransaction: true,
      alsoWrite: async (tx, out) => {
        written = writtenLetters(group, out);
        await tx.get(MAILBOX_STATES).update(state.id, { lastUid: cursor, uidValidity: state.uidValidity, ...(written.length ? { lastMailAt: now } : {}) });
        await this.hooks.beforeCommit?.({ mailbox: mb.name, uids: group.map((p) => p.uid ?? 0), lastUid: cursor, written });
      },
    });
    for (const r of recorded) {
      if (r.status === 'ticketed') result.created++;
      else if (r.status === 'threaded') result.threaded++;
      else if (r.status === 'ignored') result.ignored++;
      else if (r.status === 'quarantined') result.quarantined++;
      else result.duplicates++;
    }
    return written;
  }
}

/** The letters written (not the duplicates), as the commit hooks and re-runs see them. */
export function writtenLetters(group: PreparedLetter[], recorded: RecordedIntake[]): WrittenLetter[] {
  return group.flatMap((p, i) => {
    const r = recorded[i];
    if (r.status === 'duplicate' || r.status === 'unchanged') return [];
    return [{ messageId: p.messageId, intakeItemId: r.intakeItemId, status: r.status, ticketId: r.ticketId }];
  });
}
