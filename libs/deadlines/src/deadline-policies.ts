import type { PoliciesFile } from '@hub/config';
import { msIntoBusinessDay } from '@hub/domain';
import type { DeadlineStage } from '@hub/domain';
import { applyPauses, ComputedDue, computeDue, CountingRules, extendDue, PausedDue, PauseInterval } from './deadline-arithmetic';
import { basisOf, ClockBasis, clockOf, describeDuration, Duration, parseDuration, StoredBasis, storedBasisOf } from './duration';
import { DEFAULT_REMINDER_SETTINGS, LadderDeadline, ReminderLadder, ReminderLevel, ReminderSettings, REMINDER_LEVELS, ScheduledLevel } from './reminder-ladder';
import { ParentDue, subDispatchDue } from './sub-dispatch';
import { WorkingCalendar } from './working-calendar';
import { compileRules, CompiledRule, PolicyContext, resolvePolicy, ResolvedPolicy } from './policy-rules';

export type { ExtensionPolicy, PolicyContext, ResolvedPolicy, ReviewPolicy, StagePolicy } from './policy-rules';

// The stage names live in the domain; re-exported for the deadline library's users.
export { DEADLINE_STAGES, DEADLINE_STAGE_LABELS } from '@hub/domain';
export type { DeadlineStage } from '@hub/domain';

/** Which extension rule refuses a request, with the Chinese message of extensionRefusal. */
export type ExtensionRefusal = { message: string } & (
  | { kind: 'none_allowed' }
  | { kind: 'used_up'; maxCount: number }
  | { kind: 'bad_days' }
  | { kind: 'too_long'; maxDays: number; unit: 'working_days' | 'days' }
  | { kind: 'too_late' }
);

/** A planned due time: the ticket use cases' PlannedDue plus how it was counted. */
export interface PlannedDeadline extends ComputedDue {
  stage: DeadlineStage;
  basis: ClockBasis;
  /** What the row stores as basis (`hours` for a limit in minutes or hours). */
  storedBasis: StoredBasis;
  duration: Duration;
  rule: string;
}

/** A deadline row as stored (the fields the reminder ladder reads). */
export interface StoredDeadline {
  id?: number | string;
  stage: string;
  startAt: Date;
  dueAt: Date;
  pausedMs: number;
  lastLevelSent: string | null;
  /** The row's stored basis (working, calendar or hours). */
  basis?: StoredBasis | string;
  version?: number;
  pausedAt?: Date | null;
  status?: string;
  unitId?: number | null;
}

export function reminderSettingsFrom(file: PoliciesFile): ReminderSettings {
  const r = file.reminders;
  if (!r) return DEFAULT_REMINDER_SETTINGS;
  return {
    levels: REMINDER_LEVELS.filter((l) => r.levels.includes(l)),
    yellow: r.yellow,
    red: r.red,
    overdueAfter: parseDuration(r.overdueAfter),
    escalateAfter: parseDuration(r.escalateAfter),
    escalateAfterHourly: r.escalateAfterHourly === undefined ? DEFAULT_REMINDER_SETTINGS.escalateAfterHourly : parseDuration(r.escalateAfterHourly),
    escalateStages: [...r.escalateStages],
    catchUp: r.catchUp === 'all' ? 'all' : 'latest',
    digestAt: r.digestAt,
    digestDays: r.digestDays === 'every' ? 'every' : 'working',
  };
}

/**
 * Time limits per stage for a ticket, and the arithmetic on them. Shaped to be the ticket
 * use cases' DeadlinePlanner (due, extend, extensionRefusalReason, resume, nextReminder).
 */
export class DeadlinePolicies {
  private readonly rules: CompiledRule[];
  readonly counting: CountingRules;
  readonly reminders: ReminderSettings;
  readonly ladder: ReminderLadder;
  /** 二级派单: the share of a desk's remaining time its lower unit gets (policies.yaml subDispatch.share). */
  readonly subDispatchShare: number;

  constructor(
    file: PoliciesFile,
    readonly calendar: WorkingCalendar,
  ) {
    this.rules = compileRules(file.rules);
    this.counting = { dayEnd: file.counting?.dayEnd ?? '24:00', rollToWorkday: file.counting?.rollToWorkday ?? true };
    this.reminders = reminderSettingsFrom(file);
    this.ladder = new ReminderLadder(this.reminders, calendar);
    this.subDispatchShare = file.subDispatch?.share ?? 0.8;
  }

  /** 二级派单: the lower unit's reply due time, a share of the desk's remaining time on the desk's clock. */
  subDue(parent: ParentDue, start: Date): ComputedDue & { basis: ClockBasis; storedBasis: StoredBasis } {
    const due = subDispatchDue(parent, start, this.subDispatchShare, this.calendar);
    return { ...due, basis: parent.basis === 'working' ? 'working' : 'calendar', storedBasis: parent.basis };
  }

  private readonly resolved = new Map<string, ResolvedPolicy>();

  /** The limits for a ticket (cached per distinct context: there are few). */
  resolve(ctx: PolicyContext): ResolvedPolicy {
    const key = `${ctx.channel}|${ctx.urgency}|${ctx.category ?? ''}|${ctx.source ?? ''}|${ctx.petition ? 1 : 0}|${ctx.leaderCase ? 1 : 0}`;
    let r = this.resolved.get(key);
    if (!r) {
      r = resolvePolicy(this.rules, ctx);
      if (this.resolved.size > 10_000) this.resolved.clear();
      this.resolved.set(key, r);
    }
    return r;
  }

  /** The due time of a stage started at `start`, or null when the policy sets no limit for it. */
  due(stage: DeadlineStage, ctx: PolicyContext, start: Date): PlannedDeadline | null {
    const p = this.resolve(ctx).stages[stage];
    if (!p.duration) return null;
    const computed = computeDue(start, p.duration, this.calendar, this.counting);
    return { ...computed, stage, basis: basisOf(p.duration), storedBasis: storedBasisOf(p.duration), duration: p.duration, rule: p.rule };
  }

  /** Whether a reply to this kind of ticket waits for 办结审核, and which rule says so. */
  reviewPolicy(ctx: PolicyContext): { required: boolean; rule: string } {
    const r = this.resolve(ctx).review;
    return { required: r.required, rule: r.rule };
  }

  /** The new reply due time after 退回重办 at `start`: the rule's rework time, or its reply limit. */
  reworkDue(ctx: PolicyContext, start: Date): PlannedDeadline | null {
    const r = this.resolve(ctx).review;
    if (!r.rework) return this.due('reply', ctx, start);
    const computed = computeDue(start, r.rework, this.calendar, this.counting);
    return { ...computed, stage: 'reply', basis: basisOf(r.rework), storedBasis: storedBasisOf(r.rework), duration: r.rework, rule: r.rule };
  }

  /** How many extensions, of how many days at most (in the unit of `maxLength`), the policy allows. */
  extensionLimit(ctx: PolicyContext): { count: number; maxDays: number; unit: 'working_days' | 'days' } {
    const e = this.resolve(ctx).extension;
    return { count: e.maxCount, maxDays: e.maxLength.amount, unit: e.maxLength.unit === 'days' ? 'days' : 'working_days' };
  }

  /**
   * Why an extension may not be granted (in Chinese, for the unit and the approver), or null.
   * `granted` is how many were approved before; `dueAt` the current due time.
   */
  extensionRefusal(ctx: PolicyContext, req: { days: number; granted: number; requestedAt: Date; dueAt: Date }): string | null {
    return this.extensionRefusalReason(ctx, req)?.message ?? null;
  }

  /** The same, saying which rule refuses, so that a caller can word it for its own audience. */
  extensionRefusalReason(ctx: PolicyContext, req: { days: number; granted: number; requestedAt: Date; dueAt: Date }): ExtensionRefusal | null {
    const e = this.resolve(ctx).extension;
    const unit = e.maxLength.unit === 'days' ? 'days' : 'working_days';
    if (e.maxCount === 0) return { kind: 'none_allowed', message: `本类工单不可延期（${e.rule}）` };
    if (req.granted >= e.maxCount) return { kind: 'used_up', maxCount: e.maxCount, message: `已延期${req.granted}次，最多可延期${e.maxCount}次` };
    if (!Number.isInteger(req.days) || req.days < 1) return { kind: 'bad_days', message: '延期天数须为正整数' };
    if (req.days > e.maxLength.amount) {
      return {
        kind: 'too_long',
        maxDays: e.maxLength.amount,
        unit,
        message: `延期最长${describeDuration(e.maxLength)}，申请了${req.days}${unit === 'days' ? '日' : '个工作日'}`,
      };
    }
    if (req.requestedAt.getTime() > req.dueAt.getTime()) return { kind: 'too_late', message: '延期须在办理时限届满前申请' };
    return null;
  }

  /** An approved extension: `days` in the unit of the policy's maxLength (working days, or calendar days for 信访). */
  extend(dueAt: Date, days: number, ctx: PolicyContext): ComputedDue {
    const unit = this.resolve(ctx).extension.maxLength.unit === 'days' ? 'days' : 'working_days';
    return extendDue(dueAt, { unit, amount: days }, this.calendar, this.counting);
  }

  /**
   * The clock runs again after a pause from `pausedAt` to `resumedAt`: the due time moves by the
   * paused time in the deadline's clock. Add `pausedMs` to the row's total and bump its version.
   */
  resume(d: { dueAt: Date; basis: ClockBasis }, pausedAt: Date, resumedAt: Date): PausedDue {
    const pauses: PauseInterval[] = [{ from: pausedAt, to: resumedAt }];
    return applyPauses(d.dueAt, pauses, d.basis, this.calendar, resumedAt);
  }

  /**
   * For the ticket use cases' DeadlinePlanner: the next level to store (nextReminderAt /
   * nextLevel). `basis` should come from the row; without it, a due time at the day's end
   * (counting.dayEnd) is taken as a limit in days, which only affects where yellow and red fall.
   */
  nextReminder(d: StoredDeadline, after: Date): ScheduledLevel | null {
    return this.ladder.next(this.toLadder(d), after);
  }

  toLadder(d: StoredDeadline): LadderDeadline {
    const last = (REMINDER_LEVELS as readonly string[]).includes(d.lastLevelSent ?? '') ? (d.lastLevelSent as ReminderLevel) : null;
    return {
      id: d.id ?? 0,
      version: d.version ?? 1,
      stage: d.stage,
      basis: d.basis ? clockOf(d.basis) : this.guessBasis(d.dueAt),
      hourly: d.basis === 'hours',
      startAt: d.startAt,
      dueAt: d.dueAt,
      pausedMs: d.pausedMs,
      pausedAt: d.pausedAt ?? null,
      status: d.status ?? 'open',
      lastLevelSent: last,
      unitless: d.unitId === null,
    };
  }

  private guessBasis(dueAt: Date): ClockBasis {
    const [h, m] = this.counting.dayEnd.split(':').map(Number);
    const shanghaiMinutes = Math.round(msIntoBusinessDay(dueAt) / 60_000);
    return shanghaiMinutes === (h * 60 + m) % 1440 ? 'working' : 'calendar';
  }
}
