/**
 * The closed lists a ticket's fields take their values from, with the Chinese each is shown as.
 * Server, mails and console read them from here (the console through its `@hub/domain` alias).
 */

/** How the matter reached the hub. */
export const CHANNELS = ['hotline', 'mailbox', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = { hotline: '热线', mailbox: '信箱', web: '网站' };

export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { urgent: '紧急', normal: '一般' };
/** A ticket the classifier could not rule urgent or not: it waits in triage for an operator to decide. */
export const URGENCY_SUSPECTED_LABEL = '疑似紧急';

/** What became of an accepted matter (the statistics count by it). */
export const DISPOSITIONS = ['dispatched', 'direct_answer', 'service_provided', 'invalid', 'merged'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  dispatched: '交办',
  direct_answer: '直接答复',
  service_provided: '提供服务',
  invalid: '无效件',
  merged: '并单',
};

/** A unit's result when it replies (办理结果). */
export const OUTCOMES = ['resolved', 'partly_resolved', 'unresolved', 'explained', 'not_true'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  resolved: '已解决',
  partly_resolved: '部分解决',
  unresolved: '未解决',
  explained: '已解释说明',
  not_true: '反映不属实',
};

/** The requester's verdict at follow-up (回访): the values are the Chinese words themselves. */
export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * A unit's part in a ticket: it leads (主办), assists (协办), or handles it below a desk unit that
 * re-dispatched it down its own tree (二级派单: `sub`, linked to the desk's assignment).
 */
export const ASSIGNMENT_ROLES = ['lead', 'assist', 'sub'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = { lead: '主办', assist: '协办', sub: '下级承办' };

/** Where a unit's part stands: working on it, let go (returned or reassigned away), answered, or over. */
export const ASSIGNMENT_STATUSES = ['active', 'returned', 'reassigned', 'replied', 'closed', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Operators' work on a ticket: call the requester back with the answer, or the survey (回访). */
export const TASK_KINDS = ['callback', 'follow_up'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** What the router decides for a new ticket (and what training examples teach it): hand it to a unit, or answer it at the desk. */
export const ROUTING_DISPOSITIONS = ['dispatch', 'direct_answer'] as const;
export type RoutingDisposition = (typeof ROUTING_DISPOSITIONS)[number];
