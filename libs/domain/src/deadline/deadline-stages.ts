import type { SUPERVISION_STAGE } from '../supervision/supervision-order';
/**
 * The time limits (时限) a ticket runs through and the reminder ladder that chases them. The
 * durations live in config/policies.yaml and the arithmetic in libs/deadlines; the names and
 * their Chinese are here, once, for the policies file, the sweep's mails and the console.
 */

/**
 * dispatch: operators to dispatch (交办) a new ticket; acknowledge: the unit to sign for it (签收);
 * first_contact: the unit to call the requester; return_window: how long a unit may still return
 * a misrouted ticket; reply: the unit's answer (办结反馈); follow_up: the survey after the reply (回访).
 */
export const DEADLINE_STAGES = ['dispatch', 'acknowledge', 'first_contact', 'return_window', 'reply', 'follow_up'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];
export const DEADLINE_STAGE_LABELS: Record<DeadlineStage, string> = {
  dispatch: '交办',
  acknowledge: '签收',
  first_contact: '首次联系',
  return_window: '退单',
  reply: '办结反馈',
  follow_up: '回访',
};

/**
 * How a limit is counted: working (only working time counts, 调休 included), calendar (calendar
 * days), hours (minutes or hours of wall time, escalated sooner).
 */
export const DEADLINE_BASES = ['working', 'calendar', 'hours'] as const;
export type DeadlineBasis = (typeof DEADLINE_BASES)[number];
/** open until met (the stage's act happened) or cancelled (the stage no longer applies). */
export const DEADLINE_STATUSES = ['open', 'met', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** Stages escalated (督办) when overdue unless policies.yaml says otherwise: the return window binds nobody to act. */
export const DEFAULT_ESCALATE_STAGES: readonly DeadlineStage[] = DEADLINE_STAGES.filter((s) => s !== 'return_window');

/** Ladder order: 黄灯, 红灯, 到期, 超期, 督办. */
export const REMINDER_LEVELS = ['yellow', 'red', 'due', 'overdue', 'escalation'] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];
export const REMINDER_LEVEL_LABELS: Record<ReminderLevel | 'digest', string> = {
  yellow: '黄灯预警',
  red: '红灯预警',
  due: '已到期',
  overdue: '已超期',
  escalation: '督办',
  digest: '每日超期汇总',
};

/** What a deadline row may chase: a policy stage, or the answer a 督办单 asks for (its due time is the order's). */
export type TrackedStage = DeadlineStage | typeof SUPERVISION_STAGE;
