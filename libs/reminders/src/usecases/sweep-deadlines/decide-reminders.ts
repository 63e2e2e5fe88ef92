import type { DueDeadline, ReminderDecision } from '@hub/database';
import type { DeadlinePolicies, DueReminder } from '@hub/deadlines';
import { SILENT_STAGES } from '../../reminder-stages';

/** One level the ladder says to send now, for its deadline. */
export interface DecidedReminder {
  row: DueDeadline;
  send: DueReminder;
}

export interface LadderOutcome {
  /** What to store on each row, whether or not anything is sent. */
  decisions: ReminderDecision[];
  decided: DecidedReminder[];
  skipped: number;
  silent: number;
}

/**
 * Asks the reminder ladder about each due row (pure: no reads, no writes). `policiesOf` gives the
 * policies (the calendar) a row's ticket counts on: its city's, or the installation's.
 */
export function decideReminders(rows: DueDeadline[], policiesOf: (row: DueDeadline) => DeadlinePolicies, now: Date): LadderOutcome {
  const out: LadderOutcome = { decisions: [], decided: [], skipped: 0, silent: 0 };
  for (const row of rows) {
    if (SILENT_STAGES.includes(row.stage)) {
      out.silent++;
      out.decisions.push({ id: row.id, dueVersion: row.dueVersion, lastLevelSent: row.lastLevelSent, nextReminderAt: null, nextLevel: null });
      continue;
    }
    const policies = policiesOf(row);
    const decision = policies.ladder.decide(policies.toLadder({ ...row, version: row.dueVersion, basis: row.basis }), now);
    out.skipped += decision.skipped.length;
    out.decisions.push({
      id: row.id,
      dueVersion: row.dueVersion,
      lastLevelSent: decision.lastLevelSent,
      nextReminderAt: decision.next?.at ?? null,
      nextLevel: decision.next?.level ?? null,
    });
    for (const send of decision.send) out.decided.push({ row, send });
  }
  return out;
}
