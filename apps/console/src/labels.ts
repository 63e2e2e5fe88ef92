import {
  ACTION_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  CHANNEL_LABELS,
  CITY_EVENT_LABELS,
  DEADLINE_STAGE_LABELS,
  OUTCOME_LABELS,
  STATUS_LABELS,
  SUPERVISION_EVENT_LABELS,
  SUPERVISION_STAGE,
  SUPERVISION_STAGE_LABEL,
  SUB_DISPATCH_EVENT_LABELS,
  URGENCY_LABELS,
  URGENCY_SUSPECTED_LABEL,
} from '@hub/domain';
import type { TicketStatus, Urgency } from '@hub/domain';

/** Chinese names for the codes the API returns: the domain's own, and the few only the console shows. */
export { ACTION_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, STATUS_LABELS, URGENCY_LABELS, URGENCY_SUSPECTED_LABEL };
export const STAGE_LABELS: Record<string, string> = { ...DEADLINE_STAGE_LABELS, [SUPERVISION_STAGE]: SUPERVISION_STAGE_LABEL };
/** Urgency as the forms offer it: the usual case first. */
export const URGENCY_CHOICES: readonly Urgency[] = ['normal', 'urgent'];
export const ROLE_IN_TICKET = ASSIGNMENT_ROLE_LABELS;
export const DEADLINE_STATUS_LABELS: Record<string, string> = { open: '进行中', met: '已完成', cancelled: '已取消', missed: '已超期' };
/** Every action is an event of its own name; the rest are what the hub records by itself. */
export const EVENT_LABELS: Record<string, string> = {
  ...ACTION_LABELS,
  received: '接收',
  classified: '智能分类',
  repeat: '重复件',
  reminder: '催办',
  escalation: '督办',
  repeat_merged: '重复件并入',
  knowledge_cited: '引用知识库条目',
  cluster_flagged: '集体访/热点提示',
  first_contact: '首次联系',
  assist_acknowledged: '协办签收',
  assist_replied: '协办反馈',
  requester_reply: '诉求人来信',
  imported: '历史导入',
  reopen: '重办',
  ...SUPERVISION_EVENT_LABELS,
  leader_instruction: '领导批示',
  leader_case: '领导包案',
  ...SUB_DISPATCH_EVENT_LABELS,
  ...CITY_EVENT_LABELS,
};
export const ASSIGNMENT_STATUS_LABELS: Record<string, string> = {
  active: '办理中',
  returned: '已退回',
  reassigned: '已改派',
  replied: '已反馈',
  closed: '已办结',
  cancelled: '已取消',
};
export const TASK_KIND_LABELS: Record<string, string> = { callback: '回电', follow_up: '回访' };
export const TASK_STATUS_LABELS: Record<string, string> = { open: '待办', done: '已完成', cancelled: '已取消' };
export const STATUS_TONES: Record<TicketStatus, 'danger' | 'warning' | 'success' | 'info' | 'primary'> = {
  received: 'info',
  accepted: 'warning',
  returned: 'danger',
  dispatched: 'warning',
  acknowledged: 'primary',
  extension_requested: 'warning',
  suspension_requested: 'warning',
  suspended: 'info',
  reply_review: 'warning',
  replied: 'success',
  surveyed: 'success',
  reopened: 'danger',
  closed: 'info',
  invalid: 'info',
  merged: 'info',
  direct_answer: 'success',
  service_provided: 'success',
};
/** A code's label, or the code itself when it has none (a newer server may send a code this console does not know). */
export const label = (map: Readonly<Record<string, string>>, v: string | null | undefined): string => (v ? (map[v] ?? v) : '—');
