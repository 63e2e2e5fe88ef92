/**
 * 督办单 (supervision order): a supervisor's written order on a ticket, addressed to the unit that
 * handles it, with a due time and a required written answer (督办回复). Pure: the lifecycle as
 * data and one `orderTransition`, as the ticket's lifecycle is.
 *
 *   open ──answer──> answered
 *     │ └─withdraw─> withdrawn
 *     └──report───> reported ──answer──> answered (late; stays in the 通报 it was listed in)
 *                        └──withdraw──> withdrawn
 *
 * `report` is the reminder ladder's last step for an order (its escalation level): the order was
 * not answered in time and goes onto the 通报 list.
 */

/** 催办: a nudge; 督办: a formal order; 挂牌督办: publicly listed, the strongest. */
export const SUPERVISION_LEVELS = ['urge', 'supervise', 'listed'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];
export const SUPERVISION_LEVEL_LABELS: Record<SupervisionLevel, string> = { urge: '催办', supervise: '督办', listed: '挂牌督办' };

export const SUPERVISION_ORDER_STATUSES = ['open', 'answered', 'reported', 'withdrawn'] as const;
export type SupervisionOrderStatus = (typeof SUPERVISION_ORDER_STATUSES)[number];
export const SUPERVISION_ORDER_STATUS_LABELS: Record<SupervisionOrderStatus, string> = {
  open: '待回复',
  answered: '已回复',
  reported: '逾期通报',
  withdrawn: '已撤销',
};

export const SUPERVISION_ORDER_ACTIONS = ['answer', 'report', 'withdraw'] as const;
export type SupervisionOrderAction = (typeof SUPERVISION_ORDER_ACTIONS)[number];
export const SUPERVISION_ORDER_ACTION_LABELS: Record<SupervisionOrderAction, string> = { answer: '督办回复', report: '列入通报', withdraw: '撤销督办单' };

/** The deadline row an order's due time is kept in: the reminder sweep chases it like any other. */
export const SUPERVISION_STAGE = 'supervision' as const;
export const SUPERVISION_STAGE_LABEL = '督办回复';

/** Timeline event types of orders (ticket_events.type) and their Chinese. */
export const SUPERVISION_EVENT_LABELS = {
  supervision_opened: '下发督办单',
  supervision_answered: '督办回复',
  supervision_reported: '督办逾期通报',
  supervision_withdrawn: '撤销督办单',
} as const;

const RULES: Record<SupervisionOrderAction, { from: readonly SupervisionOrderStatus[]; to: SupervisionOrderStatus }> = {
  answer: { from: ['open', 'reported'], to: 'answered' },
  report: { from: ['open'], to: 'reported' },
  withdraw: { from: ['open', 'reported'], to: 'withdrawn' },
};

export class SupervisionOrderStateError extends Error {
  readonly code = 'ACTION_REFUSED';
  constructor(
    readonly action: SupervisionOrderAction,
    readonly status: SupervisionOrderStatus,
  ) {
    super(`督办单${SUPERVISION_ORDER_STATUS_LABELS[status]}，不能${SUPERVISION_ORDER_ACTION_LABELS[action]}`);
  }
}

export function canOrderTransition(status: SupervisionOrderStatus, action: SupervisionOrderAction): boolean {
  return RULES[action].from.includes(status);
}

/** The order's next status, or a refusal that changes nothing. */
export function orderTransition(status: SupervisionOrderStatus, action: SupervisionOrderAction): SupervisionOrderStatus {
  if (!canOrderTransition(status, action)) throw new SupervisionOrderStateError(action, status);
  return RULES[action].to;
}

/** Answered by its due time (an answer after it counts as late, 逾期回复). */
export function answeredOnTime(order: { answeredAt: Date | null; dueAt: Date }): boolean {
  return order.answeredAt != null && order.answeredAt.getTime() <= order.dueAt.getTime();
}
