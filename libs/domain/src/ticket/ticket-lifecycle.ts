import { Outcome, OUTCOMES, Rating, RATINGS } from './ticket-attributes';
import { STATUS_LABELS, TicketStatus } from './ticket-status';

/** Everything a person or the system can do to a ticket. Each action is one transition. */
export const TICKET_ACTIONS = [
  'accept',
  'mark_invalid',
  'answer_directly',
  'provide_service',
  'dispatch',
  'acknowledge',
  'return',
  'approve_return',
  'reject_return',
  'reassign',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'request_suspension',
  'approve_suspension',
  'reject_suspension',
  'resume',
  'reply',
  'accept_reply',
  'send_back',
  'survey',
  'merge',
  'close',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** What a ticket's page may offer: the transitions, and 首次联系 (`contact`), which changes no state. */
export const OFFERED_ACTIONS = [...TICKET_ACTIONS, 'contact'] as const;
export type OfferedAction = (typeof OFFERED_ACTIONS)[number];

export const ACTION_LABELS: Record<TicketAction, string> = {
  accept: '受理',
  mark_invalid: '标记无效',
  answer_directly: '直接答复',
  provide_service: '提供服务',
  dispatch: '交办',
  acknowledge: '签收',
  return: '退单',
  approve_return: '同意退单',
  reject_return: '驳回退单',
  reassign: '改派',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  reject_extension: '驳回延期',
  request_suspension: '申请中止',
  approve_suspension: '批准中止',
  reject_suspension: '驳回中止',
  resume: '恢复办理',
  reply: '办结反馈',
  accept_reply: '审核通过',
  send_back: '退回重办',
  survey: '回访',
  merge: '并单',
  close: '办结归档',
};

export interface Actor {
  kind: 'user' | 'system' | 'unit' | 'requester';
  id?: number | null;
  name: string;
}

/** What an action carries; which fields are required depends on the action. */
export interface TransitionInput {
  action: TicketAction;
  actor: Actor;
  at: Date;
  reason?: string | null;
  unitId?: number | null;
  assistUnitIds?: number[];
  outcome?: Outcome | null;
  replyText?: string | null;
  rating?: Rating | null;
  extensionDays?: number | null;
  targetTicketId?: number | null;
  /** For reject_return: whether the unit had acknowledged before it returned the ticket. */
  wasAcknowledged?: boolean;
  /** For reply: the policy puts the reply under 办结审核 before the citizen gets it. */
  needsReview?: boolean;
  data?: Record<string, unknown>;
}

export interface TicketEventRecord {
  type: TicketAction;
  fromStatus: TicketStatus;
  toStatus: TicketStatus;
  actor: Actor;
  at: Date;
  reason: string | null;
  data: Record<string, unknown>;
}

export class IllegalTransitionError extends Error {
  readonly code = 'ILLEGAL_TRANSITION';
  constructor(
    readonly action: TicketAction,
    readonly status: TicketStatus,
    detail?: string,
  ) {
    super(
      detail ??
        `cannot ${action.replace(/_/g, ' ')} (${ACTION_LABELS[action]}) a ticket that is ${status} (${STATUS_LABELS[status]}); ` +
          `allowed from: ${allowedFrom(action).join(', ')}`,
    );
  }
}

export class MissingTransitionDataError extends Error {
  readonly code = 'MISSING_TRANSITION_DATA';
  constructor(
    readonly action: TicketAction,
    readonly field: string,
    why: string,
  ) {
    super(`${action.replace(/_/g, ' ')} (${ACTION_LABELS[action]}) needs ${field}: ${why}`);
  }
}

interface Rule {
  from: readonly TicketStatus[];
  to: (input: TransitionInput) => TicketStatus;
  check?: (input: TransitionInput, from: TicketStatus) => void;
}

const triage: TicketStatus[] = ['received', 'accepted', 'returned'];
const needReason = (input: TransitionInput, why: string) => {
  if (!input.reason || !input.reason.trim()) throw new MissingTransitionDataError(input.action, 'a reason', why);
};
const needUnit = (input: TransitionInput) => {
  if (input.unitId == null) throw new MissingTransitionDataError(input.action, 'a unit', 'say which unit handles the ticket');
  if (input.assistUnitIds?.includes(input.unitId))
    throw new MissingTransitionDataError(input.action, 'distinct units', 'the lead unit cannot also be an assisting unit');
};

const RULES: Record<TicketAction, Rule> = {
  accept: { from: ['received'], to: () => 'accepted' },
  mark_invalid: { from: triage, to: () => 'invalid', check: (i) => needReason(i, 'say why the item is invalid (spam, prank, incomplete)') },
  answer_directly: {
    from: triage,
    to: () => 'direct_answer',
    check: (i) => {
      if (!i.replyText?.trim()) throw new MissingTransitionDataError(i.action, 'the answer text', 'record what the requester was told');
    },
  },
  provide_service: {
    from: triage,
    to: () => 'service_provided',
    check: (i) => {
      if (!i.replyText?.trim()) throw new MissingTransitionDataError(i.action, 'a description', 'record which service was provided');
    },
  },
  dispatch: { from: ['received', 'accepted'], to: () => 'dispatched', check: needUnit },
  acknowledge: { from: ['dispatched', 'reopened'], to: () => 'acknowledged' },
  return: { from: ['dispatched', 'acknowledged'], to: () => 'returned', check: (i) => needReason(i, 'say why the ticket is not for this unit') },
  approve_return: { from: ['returned'], to: () => 'accepted' },
  reject_return: {
    from: ['returned'],
    to: (i) => (i.wasAcknowledged ? 'acknowledged' : 'dispatched'),
    check: (i) => needReason(i, 'tell the unit why the ticket stays with it'),
  },
  reassign: {
    from: ['returned', 'dispatched', 'acknowledged', 'extension_requested', 'suspension_requested', 'suspended', 'reopened'],
    to: () => 'dispatched',
    check: needUnit,
  },
  request_extension: {
    from: ['acknowledged'],
    to: () => 'extension_requested',
    check: (i) => {
      needReason(i, 'say why more time is needed');
      if (!i.extensionDays || i.extensionDays <= 0)
        throw new MissingTransitionDataError(i.action, 'a number of days', 'say how many more working days are needed');
    },
  },
  approve_extension: { from: ['extension_requested'], to: () => 'acknowledged' },
  // 中止/挂起: asked by the unit with the reason, approved by the desk; every clock stands until 恢复办理.
  request_suspension: { from: ['acknowledged'], to: () => 'suspension_requested', check: (i) => needReason(i, 'say what the ticket waits for') },
  approve_suspension: { from: ['suspension_requested'], to: () => 'suspended' },
  reject_suspension: { from: ['suspension_requested'], to: () => 'acknowledged', check: (i) => needReason(i, 'tell the unit why the clock runs on') },
  resume: { from: ['suspended'], to: () => 'acknowledged' },
  reject_extension: { from: ['extension_requested'], to: () => 'acknowledged', check: (i) => needReason(i, 'tell the unit why') },
  reply: {
    from: ['acknowledged', 'extension_requested'],
    to: (i) => (i.needsReview ? 'reply_review' : 'replied'),
    check: (i) => {
      if (!i.outcome || !OUTCOMES.includes(i.outcome)) throw new MissingTransitionDataError(i.action, 'an outcome', `one of ${OUTCOMES.join(', ')}`);
      if (!i.replyText?.trim()) throw new MissingTransitionDataError(i.action, 'the reply text', 'say what was done');
    },
  },
  // 办结审核: the centre accepts the reply (it goes to the citizen) or sends it back (退回重办) with the reason.
  accept_reply: { from: ['reply_review'], to: () => 'replied' },
  send_back: { from: ['reply_review'], to: () => 'acknowledged', check: (i) => needReason(i, 'tell the unit what is wrong with the reply') },
  survey: {
    from: ['replied'],
    to: (i) => (i.rating === '不满意' ? 'reopened' : 'surveyed'),
    check: (i) => {
      if (!i.rating || !RATINGS.includes(i.rating)) throw new MissingTransitionDataError(i.action, 'a rating', `one of ${RATINGS.join(', ')}`);
    },
  },
  merge: {
    from: triage,
    to: () => 'merged',
    check: (i) => {
      if (i.targetTicketId == null) throw new MissingTransitionDataError(i.action, 'the open ticket', 'say which ticket this repeats');
    },
  },
  close: {
    from: ['surveyed', 'direct_answer', 'service_provided', 'replied'],
    to: () => 'closed',
    // Closed before the follow-up (回访): the archive must say why (the requester could not be reached...).
    check: (i, from) => {
      if (from === 'replied') needReason(i, 'the requester was not surveyed (回访); say why the ticket is closed without it, e.g. 多次联系不上诉求人');
    },
  },
};

export function allowedFrom(action: TicketAction): readonly TicketStatus[] {
  return RULES[action].from;
}

/** Actions that are legal for a ticket in this state (what the console offers). */
export function availableActions(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => RULES[a].from.includes(status));
}

export function canTransition(status: TicketStatus, action: TicketAction): boolean {
  return RULES[action].from.includes(status);
}

/**
 * Decide a transition. Pure: returns the new status and the event to record, or throws
 * and changes nothing. The caller persists both in one transaction.
 */
export function transition(status: TicketStatus, input: TransitionInput): TicketEventRecord {
  const rule = RULES[input.action];
  if (!rule) throw new IllegalTransitionError(input.action, status, `unknown action ${String(input.action)}`);
  if (!rule.from.includes(status)) throw new IllegalTransitionError(input.action, status);
  rule.check?.(input, status);
  const toStatus = rule.to(input);
  const data: Record<string, unknown> = { ...(input.data ?? {}) };
  for (const key of ['unitId', 'assistUnitIds', 'outcome', 'replyText', 'rating', 'extensionDays', 'targetTicketId'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null) data[key] = value;
  }
  return { type: input.action, fromStatus: status, toStatus, actor: input.actor, at: input.at, reason: input.reason?.trim() || null, data };
}
