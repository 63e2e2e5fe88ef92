/** Chinese names for the codes the API returns. */
export const CHANNEL_LABELS: Record<string, string> = { hotline: '热线', mailbox: '信箱', web: '网站' };
export const URGENCY_LABELS: Record<string, string> = { urgent: '紧急', normal: '一般' };
export const OUTCOME_LABELS: Record<string, string> = {
  resolved: '已解决', partly_resolved: '部分解决', unresolved: '未解决', explained: '已解释说明', not_true: '反映不属实',
};
export const STAGE_LABELS: Record<string, string> = {
  dispatch: '分拨', acknowledge: '签收', first_contact: '首次联系', return_window: '退单期限', reply: '办结反馈', follow_up: '回访',
};
export const DEADLINE_STATUS_LABELS: Record<string, string> = { open: '进行中', met: '已完成', cancelled: '已取消', missed: '已超期' };
export const EVENT_LABELS: Record<string, string> = {
  received: '接收', accept: '受理', mark_invalid: '标记无效', answer_directly: '直接答复', provide_service: '提供服务', dispatch: '交办',
  acknowledge: '签收', return: '退单', approve_return: '同意退单', reject_return: '驳回退单', reassign: '改派',
  request_extension: '申请延期', approve_extension: '批准延期', reject_extension: '驳回延期', reply: '办结反馈',
  survey: '回访', merge: '并单', close: '办结归档', classified: '智能分类', repeat: '重复件', reminder: '催办', escalation: '督办',
  repeat_merged: '重复件并入', cluster_flagged: '集体访/热点提示', first_contact: '首次联系', assist_acknowledged: '协办签收',
  assist_replied: '协办反馈', requester_reply: '诉求人来信', imported: '历史导入', reopen: '重办',
};
export const ASSIGNMENT_STATUS_LABELS: Record<string, string> = {
  active: '办理中', returned: '已退回', reassigned: '已改派', replied: '已反馈', closed: '已办结', cancelled: '已取消',
};
export const TASK_KIND_LABELS: Record<string, string> = { callback: '回电', follow_up: '回访' };
export const TASK_STATUS_LABELS: Record<string, string> = { open: '待办', done: '已完成', cancelled: '已取消' };
export const ROLE_IN_TICKET: Record<string, string> = { lead: '主办', assist: '协办' };
export const STATUS_TONES: Record<string, 'danger' | 'warning' | 'success' | 'info' | 'primary'> = {
  received: 'info', accepted: 'warning', returned: 'danger', dispatched: 'warning', acknowledged: 'primary',
  extension_requested: 'warning', replied: 'success', surveyed: 'success', reopened: 'danger', closed: 'info',
  invalid: 'info', merged: 'info', direct_answer: 'success', service_provided: 'success',
};
export const label = (map: Record<string, string>, v: string | null | undefined): string => (v ? map[v] ?? v : '—');
