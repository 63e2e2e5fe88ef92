import type { ReminderLevel } from '@hub/deadlines';
import type { DigestResult } from '../send-overdue-digest/digest-result';

export interface SweepResult {
  now: string;
  /** Due rows read (nextReminderAt <= now). */
  examined: number;
  /** Reminders decided now and written with their mail, per stage and level. */
  byStage: Record<string, Partial<Record<ReminderLevel, number>>>;
  byLevel: Partial<Record<ReminderLevel, number>>;
  sent: number;
  /** Levels passed over because a more severe one went out at once (catchUp: latest). */
  skipped: number;
  /** Keys already in `reminders` (another sweep had them). */
  duplicates: number;
  /** Return-window rows: stored, nothing sent. */
  silent: number;
  /** Reminders without anyone to send to (unit without e-mail, no supervisors configured). */
  noRecipient: number;
  /** Outbox rows written (enqueued as mail-send after each commit). */
  mails: number;
  batches: number;
  /** The daily digest, when this pass was the first after its time (else null). */
  digest: DigestResult | null;
  ms: number;
}

export function emptySweepResult(now: Date): SweepResult {
  return {
    now: now.toISOString(),
    examined: 0,
    byStage: {},
    byLevel: {},
    sent: 0,
    skipped: 0,
    duplicates: 0,
    silent: 0,
    noRecipient: 0,
    mails: 0,
    batches: 0,
    digest: null,
    ms: 0,
  };
}

/** What one committed batch adds to the pass. */
export interface BatchCounts {
  examined: number;
  skipped: number;
  silent: number;
  duplicates: number;
  /** Stage and level of each reminder written, and whether it had a recipient. */
  written: Array<{ stage: string; level: ReminderLevel; addressed: boolean }>;
  mails: number;
}

export function addBatch(result: SweepResult, batch: BatchCounts): void {
  result.examined += batch.examined;
  result.skipped += batch.skipped;
  result.silent += batch.silent;
  result.duplicates += batch.duplicates;
  for (const w of batch.written) {
    const stage = (result.byStage[w.stage] ??= {});
    stage[w.level] = (stage[w.level] ?? 0) + 1;
    result.byLevel[w.level] = (result.byLevel[w.level] ?? 0) + 1;
    result.sent++;
    if (!w.addressed) result.noRecipient++;
  }
  result.mails += batch.mails;
}
