import { DEFAULT_ESCALATE_STAGES, REMINDER_LEVELS, type ReminderLevel } from '@hub/domain';
import { extendDue } from './deadline-arithmetic';
import { ClockBasis, Duration } from './duration';
import { WorkingCalendar } from './working-calendar';

// The level names live in the domain; re-exported for the deadline library's users.
export { REMINDER_LEVELS, REMINDER_LEVEL_LABELS } from '@hub/domain';
export type { ReminderLevel } from '@hub/domain';

export interface ReminderSettings {
  /** Levels that are sent, in ladder order. */
  levels: ReminderLevel[];
  /** Share of the allowed time used (pauses excluded) at which yellow and red fire. */
  yellow: number;
  red: number;
  /** Overdue notice this long after the due time (null: at the due time). */
  overdueAfter: Duration | null;
  /** Escalation to supervisors this long after the due time (null: at the due time). */
  escalateAfter: Duration | null;
  /**
   * Escalation of a limit counted in minutes or hours (urgent: 1 h 签收, 24 h 办结): this long
   * after the due time, or escalateAfter if that is sooner. An urgent ticket overdue on the eve of
   * a holiday reaches supervisors the same day, not a working day later.
   */
  escalateAfterHourly: Duration | null;
  escalateStages: string[];
  /** Several levels past at once: send the most severe one to the unit (`latest`) or each (`all`). */
  catchUp: 'latest' | 'all';
  /** Digest time of day, Asia/Shanghai. */
  digestAt: string;
  digestDays: 'working' | 'every';
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  levels: [...REMINDER_LEVELS],
  yellow: 0.5,
  red: 0.8,
  overdueAfter: { unit: 'hours', amount: 1 },
  escalateAfter: { unit: 'working_days', amount: 1 },
  escalateAfterHourly: { unit: 'hours', amount: 2 },
  escalateStages: [...DEFAULT_ESCALATE_STAGES],
  catchUp: 'latest',
  digestAt: '08:30',
  digestDays: 'working',
};

/** What the ladder needs of a deadline row. */
export interface LadderDeadline {
  id: number | string;
  /** Bumped whenever the due time moves (dueVersion): reminders of an old due time get other keys. */
  version: number;
  stage: string;
  basis: ClockBasis;
  startAt: Date;
  /** The effective due time (pauses and extensions already applied). */
  dueAt: Date;
  /** A limit counted in minutes or hours (stored basis `hours`): escalateAfterHourly applies. */
  hourly?: boolean;
  /** Paused time so far, in the deadline's clock (see `pausedTime`). */
  pausedMs: number;
  /** Set while the clock stands: nothing is sent then. */
  pausedAt?: Date | null;
  /** open | met | cancelled: only open deadlines remind. */
  status: string;
  lastLevelSent: ReminderLevel | null;
  /** No handling unit (the dispatch stage): every level goes to the supervisors. */
  unitless?: boolean;
}

export interface ScheduledLevel {
  level: ReminderLevel;
  at: Date;
}

export interface DueReminder extends ScheduledLevel {
  /** Unique per (deadline, level, due version); no ':' so it can be a BullMQ job id and a DB unique key. */
  key: string;
  deadlineId: number | string;
  version: number;
  stage: string;
  /** Escalation goes to supervisors; the other levels to the handling unit (to supervisors when there is none). */
  audience: 'unit' | 'supervisors';
}

export interface LadderDecision {
  /** Send these now (insert each by its key; a duplicate key means another worker sent it). */
  send: DueReminder[];
  /** Levels passed over because a more severe one is sent at the same time (catchUp: latest). */
  skipped: ReminderLevel[];
  /** Store on the row: the last level now sent or skipped. */
  lastLevelSent: ReminderLevel | null;
  /** Store on the row as nextReminderAt / nextLevel; null when nothing is left (or closed, or paused). */
  next: ScheduledLevel | null;
}

export function reminderKey(deadlineId: number | string, level: ReminderLevel, version: number): string {
  return `${deadlineId}-${level}-v${version}`.replace(/:/g, '_');
}

/**
 * The reminder ladder as pure logic: when each level falls, which are due at `now`, and the next
 * one. Asking again at the same `now` after storing `lastLevelSent` gives nothing new, so a sweep
 * may run as often as it likes.
 *
 * Yellow and red fall when that share of the allowed time is used, measured in the deadline's
 * clock (working time for working-day limits, so a holiday does not eat the warning period),
 * with paused time added before them (a pause never brings a warning earlier). Due is the due
 * time; overdue and escalation follow it by the configured delays. Levels never fall earlier
 * than the level before them.
 */
export class ReminderLadder {
  constructor(
    readonly settings: ReminderSettings,
    private readonly calendar: WorkingCalendar,
  ) {}

  private levelsFor(stage: string): ReminderLevel[] {
    return REMINDER_LEVELS.filter((l) => this.settings.levels.includes(l) && (l !== 'escalation' || this.settings.escalateStages.includes(stage)));
  }

  private measure(d: LadderDeadline): number {
    return d.basis === 'calendar' ? d.dueAt.getTime() - d.startAt.getTime() : this.calendar.workingMsBetween(d.startAt, d.dueAt);
  }

  private pointAt(d: LadderDeadline, share: number, measured: number): Date {
    const allowed = Math.max(0, measured - d.pausedMs);
    const offset = d.pausedMs + share * allowed;
    const at = d.basis === 'calendar' ? new Date(d.startAt.getTime() + offset) : this.calendar.addWorkingTime(d.startAt, offset);
    return at.getTime() > d.dueAt.getTime() ? new Date(d.dueAt.getTime()) : at;
  }

  private after(dueAt: Date, delay: Duration | null): Date {
    return delay ? extendDue(dueAt, delay, this.calendar, { dayEnd: '24:00', rollToWorkday: false }).dueAt : new Date(dueAt.getTime());
  }

  private escalationAt(d: LadderDeadline): Date {
    const byDays = this.after(d.dueAt, this.settings.escalateAfter);
    if (!d.hourly) return byDays;
    const byHours = this.after(d.dueAt, this.settings.escalateAfterHourly);
    return byHours.getTime() < byDays.getTime() ? byHours : byDays;
  }

  /** Every level of this deadline's stage with its time, in ladder order. */
  schedule(d: LadderDeadline): ScheduledLevel[] {
    const out: ScheduledLevel[] = [];
    let floor = d.startAt.getTime();
    let measured: number | undefined;
    const point = (share: number) => this.pointAt(d, share, (measured ??= this.measure(d)));
    for (const level of this.levelsFor(d.stage)) {
      const raw =
        level === 'yellow'
          ? point(this.settings.yellow)
          : level === 'red'
            ? point(this.settings.red)
            : level === 'due'
              ? d.dueAt
              : level === 'overdue'
                ? this.after(d.dueAt, this.settings.overdueAfter)
                : this.escalationAt(d);
      floor = Math.max(floor, raw.getTime());
      out.push({ level, at: new Date(floor) });
    }
    return out;
  }

  /** Which levels to send at `now`, and what to store on the row. */
  decide(d: LadderDeadline, now: Date): LadderDecision {
    const lastIndex = d.lastLevelSent ? REMINDER_LEVELS.indexOf(d.lastLevelSent) : -1;
    if (d.status !== 'open' || d.pausedAt) return { send: [], skipped: [], lastLevelSent: d.lastLevelSent, next: null };
    const pending = this.schedule(d).filter((s) => REMINDER_LEVELS.indexOf(s.level) > lastIndex);
    const past = pending.filter((s) => s.at.getTime() <= now.getTime());
    const next = pending.find((s) => s.at.getTime() > now.getTime()) ?? null;
    let chosen = past;
    const skipped: ReminderLevel[] = [];
    if (this.settings.catchUp === 'latest') {
      // The latest level for each audience: the unit's and the supervisors' (escalation). Without a
      // unit both are the supervisors, who get the most severe one only.
      const unitLevels = past.filter((s) => s.level !== 'escalation');
      const keep = new Set<ScheduledLevel>(past.filter((s) => s.level === 'escalation'));
      if (unitLevels.length && !(d.unitless && keep.size)) keep.add(unitLevels[unitLevels.length - 1]);
      chosen = past.filter((s) => keep.has(s));
      skipped.push(...past.filter((s) => !keep.has(s)).map((s) => s.level));
    }
    const send = chosen.map<DueReminder>((s) => ({
      ...s,
      key: reminderKey(d.id, s.level, d.version),
      deadlineId: d.id,
      version: d.version,
      stage: d.stage,
      audience: s.level === 'escalation' || d.unitless ? 'supervisors' : 'unit',
    }));
    return { send, skipped, lastLevelSent: past.length ? past[past.length - 1].level : d.lastLevelSent, next };
  }

  /**
   * The next level to store as nextReminderAt/nextLevel: one already past (so the sweep picks
   * the row up at once), else the first in the future; null when none is left.
   */
  next(d: LadderDeadline, after: Date): ScheduledLevel | null {
    const decision = this.decide(d, after);
    const first = decision.send[0];
    return first ? { level: first.level, at: first.at } : decision.next;
  }
}
