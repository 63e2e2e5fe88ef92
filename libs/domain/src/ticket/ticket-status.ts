/** Lifecycle states of a ticket (工单), see DOMAIN.md. */
export const TICKET_STATUSES = [
  'received', // 已接收: in the hub, not yet decided
  'accepted', // 已受理: waiting in operator triage
  'invalid', // 无效
  'direct_answer', // 直接答复
  'service_provided', // 提供服务
  'dispatched', // 已交办, waiting for the unit to acknowledge
  'acknowledged', // 已签收, the unit is handling it
  'returned', // 已退单, waiting for an operator to review the return
  'extension_requested', // 延期申请中
  'suspension_requested', // 中止申请中: the unit asks to stop the clocks (waiting for the requester, a court, another authority)
  'suspended', // 已中止: every clock of the ticket stands until it resumes
  'reply_review', // 待审核: the unit's reply waits for the centre's 办结审核 before the citizen gets it
  'replied', // 已办结反馈
  'surveyed', // 已回访
  'reopened', // 重办: 不满意, back to the same unit
  'merged', // 已并单 into another open ticket
  'closed', // 已办结归档
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** States in which the matter is still open (a repeat can be merged into it, deadlines run). */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'received',
  'accepted',
  'dispatched',
  'acknowledged',
  'returned',
  'extension_requested',
  'suspension_requested',
  'suspended',
  'reply_review',
  'replied',
  'reopened',
];
/** States in which a unit holds the ticket. */
export const WITH_UNIT_STATUSES: readonly TicketStatus[] = [
  'dispatched',
  'acknowledged',
  'extension_requested',
  'suspension_requested',
  'suspended',
  'reopened',
];
export const FINAL_STATUSES: readonly TicketStatus[] = ['invalid', 'merged', 'closed'];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  received: '已接收',
  accepted: '待分拨',
  invalid: '无效',
  direct_answer: '直接答复',
  service_provided: '提供服务',
  dispatched: '待签收',
  acknowledged: '办理中',
  returned: '已退单',
  extension_requested: '延期申请中',
  suspension_requested: '中止申请中',
  suspended: '已中止',
  reply_review: '待审核',
  replied: '已反馈',
  surveyed: '已回访',
  reopened: '重办',
  merged: '已并单',
  closed: '已办结',
};
