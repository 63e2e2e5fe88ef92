import type { DeadlineStage, ExtensionRefusal, PolicyContext } from '@hub/deadlines';
import type { ReminderLevel, TrackedStage } from '@hub/domain';

// Stages, the policy context and refusals are the deadline library's; the use cases only name what they call.
export { DEADLINE_STAGES } from '@hub/deadlines';
export type { DeadlineStage, ExtensionRefusal, PolicyContext } from '@hub/deadlines';

export interface PlannedDue {
  dueAt: Date;
  warnings: string[];
  /** How the limit counts: working time only, or wall-clock time. */
  basis?: 'working' | 'calendar';
  /** What the row stores as basis: as `basis`, or `hours` for a wall-clock limit counted in minutes or hours. */
  storedBasis?: 'working' | 'calendar' | 'hours';
}

/** Which city's working days a ticket's clocks count on (null: the installation's). */
export type CityOf = Pick<PolicyContext, 'city'>;

export interface ReminderStep {
  level: ReminderLevel;
  at: Date;
}

/**
 * What the ticket use cases need from the deadline policies and the working-day calendar.
 * The deadlines library's CityDeadlinePolicies implements it (every method takes the ticket's city and
 * counts on its calendar); a plain DeadlinePolicies (one calendar) or a simple one does for tests.
 */
export interface DeadlinePlanner {
  /** Due time of a stage started at `start`, or null when the policy sets no limit for it. */
  due(stage: DeadlineStage, ctx: PolicyContext, start: Date): PlannedDue | null;
  /** 办结审核: whether a reply waits for the centre before the citizen gets it. */
  reviewPolicy(ctx: PolicyContext): { required: boolean; rule: string };
  /** The reply due time after 退回重办 (the policy's rework time, or its reply limit). */
  reworkDue(ctx: PolicyContext, start: Date): PlannedDue | null;
  /** 二级派单: the lower unit's reply due time, a configured share of the desk's remaining time (`parent`: its reply limit). */
  subDue(parent: { dueAt: Date; basis: 'working' | 'calendar' | 'hours' }, start: Date, ctx: CityOf): PlannedDue;
  /** Moves a due time by N working days (an approved extension). */
  extend(dueAt: Date, days: number, ctx: PolicyContext): PlannedDue;
  /** Which extension rule of the policy refuses the request, or null when it may be granted. */
  extensionRefusalReason(ctx: PolicyContext, req: { days: number; granted: number; requestedAt: Date; dueAt: Date }): ExtensionRefusal | null;
  /** The clock ran again after a pause: the due time moves by the paused time in the deadline's own clock. */
  resume(
    d: { dueAt: Date; basis: 'working' | 'calendar' },
    pausedAt: Date,
    resumedAt: Date,
    ctx: CityOf,
  ): { dueAt: Date; pausedMs: number; warnings: string[] };
  /** The next reminder after `after` (exclusive of levels already sent), or null when none is left. */
  nextReminder(
    d: {
      id?: number;
      stage: TrackedStage;
      startAt: Date;
      dueAt: Date;
      pausedMs: number;
      lastLevelSent: ReminderLevel | null;
      basis?: 'working' | 'calendar' | 'hours';
      version?: number;
    },
    after: Date,
    ctx: CityOf,
  ): ReminderStep | null;
}
export const DEADLINE_PLANNER = Symbol('DEADLINE_PLANNER');
