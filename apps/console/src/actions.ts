import { ACTION_LABELS, DEADLINE_STAGE_LABELS, OUTCOME_LABELS, OUTCOMES, RATINGS, SUSPENSION_GROUND_LABELS, SUSPENSION_GROUNDS } from '@hub/domain';
import type { Role } from './session';

export interface FieldSpec {
  key: string;
  label: string;
  type: 'textarea' | 'text' | 'number' | 'select' | 'radio';
  required?: boolean;
  options?: Array<{ value: string | number; label: string }>;
  placeholder?: string;
  min?: number;
  max?: number;
  /** A textarea offering the canned replies (常用语) of this kind for the ticket's category. */
  canned?: 'feedback' | 'direct_answer';
}

export interface ActionSpec {
  label: string;
  path: string;
  roles: Role[];
  fields: FieldSpec[];
  /** Button style in the detail page. */
  tone?: 'primary' | 'success' | 'warning' | 'danger' | 'default';
  confirm?: string;
  done: string;
}

const DESK: Role[] = ['operator', 'supervisor', 'admin'];
const UNIT: Role[] = ['unit'];
const reason = (required: boolean, label = '理由'): FieldSpec => ({ key: 'reason', label, type: 'textarea', required });

export const OUTCOME_OPTIONS = OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }));
export const RATING_OPTIONS = RATINGS.map((r) => ({ value: r, label: r }));

/**
 * Every action the detail page offers, keyed by the API's action name. The ticket's `actions`
 * list (legal for its state) and the user's role decide which buttons appear. dispatch and
 * reassign have their own dialog (unit selection with suggestions).
 */
export const ACTIONS: Record<string, ActionSpec> = {
  accept: { label: ACTION_LABELS.accept, path: 'accept', roles: DESK, fields: [], tone: 'primary', confirm: '确认受理此工单，进入待分拨？', done: '已受理' },
  acknowledge: {
    label: ACTION_LABELS.acknowledge,
    path: 'acknowledge',
    roles: UNIT,
    fields: [],
    tone: 'primary',
    confirm: '确认签收此工单？签收后开始计算办理时限。',
    done: '已签收',
  },
  reply: {
    label: ACTION_LABELS.reply,
    path: 'reply',
    roles: UNIT,
    tone: 'success',
    done: '已提交办结反馈',
    fields: [
      { key: 'outcome', label: '办理结果', type: 'select', required: true, options: OUTCOME_OPTIONS },
      { key: 'text', label: '答复内容', type: 'textarea', required: true, placeholder: '向诉求人说明办理情况和结果', canned: 'feedback' },
    ],
  },
  contact: {
    label: DEADLINE_STAGE_LABELS.first_contact,
    path: 'contact',
    roles: UNIT,
    tone: 'primary',
    done: '已记录首次联系',
    fields: [{ key: 'text', label: '联系情况', type: 'textarea', required: true, placeholder: '如：已电话联系诉求人，约定明日上门查看' }],
  },
  request_extension: {
    label: ACTION_LABELS.request_extension,
    path: 'extension',
    roles: UNIT,
    tone: 'warning',
    done: '延期申请已提交',
    fields: [{ key: 'days', label: '延期天数（工作日）', type: 'number', required: true, min: 1, max: 60 }, reason(true, '延期理由')],
  },
  return: {
    label: ACTION_LABELS.return,
    path: 'return',
    roles: UNIT,
    tone: 'danger',
    done: '已退单',
    fields: [reason(true, '退单理由（如：不属于本单位职责）')],
  },
  approve_return: {
    label: ACTION_LABELS.approve_return,
    path: 'approve-return',
    roles: DESK,
    tone: 'warning',
    done: '已同意退单，请重新分拨',
    fields: [reason(false, '意见')],
  },
  reject_return: {
    label: ACTION_LABELS.reject_return,
    path: 'reject-return',
    roles: DESK,
    tone: 'danger',
    done: '已驳回退单',
    fields: [reason(true, '驳回理由')],
  },
  request_suspension: {
    label: ACTION_LABELS.request_suspension,
    path: 'suspend',
    roles: UNIT,
    tone: 'warning',
    done: '已提交中止申请，批准后全部时限暂停',
    fields: [
      {
        key: 'ground',
        label: '中止原因',
        type: 'select',
        required: true,
        options: SUSPENSION_GROUNDS.map((g) => ({ value: g, label: SUSPENSION_GROUND_LABELS[g] })),
      },
      { key: 'reason', label: '具体说明', type: 'textarea', required: true },
      { key: 'expectedResumeOn', label: '预计恢复日期', type: 'text', required: true, placeholder: '例如 2026-04-08' },
    ],
  },
  approve_suspension: {
    label: ACTION_LABELS.approve_suspension,
    path: 'approve-suspension',
    roles: DESK,
    tone: 'success',
    confirm: '批准后，本工单全部办理时限暂停，恢复办理时顺延。确认批准？',
    done: '已批准中止，时限暂停',
    fields: [],
  },
  reject_suspension: {
    label: ACTION_LABELS.reject_suspension,
    path: 'reject-suspension',
    roles: DESK,
    tone: 'danger',
    done: '已驳回中止申请',
    fields: [reason(true)],
  },
  resume: {
    label: ACTION_LABELS.resume,
    path: 'resume',
    roles: [...DESK, ...UNIT],
    tone: 'primary',
    confirm: '恢复办理后，各项时限按暂停时长顺延后继续计算。确认恢复？',
    done: '已恢复办理',
    fields: [],
  },
  accept_reply: {
    label: ACTION_LABELS.accept_reply,
    path: 'accept-reply',
    roles: DESK,
    tone: 'success',
    confirm: '审核通过后，答复将发送给诉求人并开始回访。确认通过？',
    done: '已审核通过，答复已发送',
    fields: [],
  },
  send_back: {
    label: ACTION_LABELS.send_back,
    path: 'send-back',
    roles: DESK,
    tone: 'danger',
    done: '已退回重办',
    fields: [reason(true, '退回理由')],
  },
  approve_extension: {
    label: ACTION_LABELS.approve_extension,
    path: 'approve-extension',
    roles: DESK,
    tone: 'success',
    done: '已批准延期',
    fields: [{ key: 'days', label: '批准天数（留空按申请）', type: 'number', min: 1, max: 60 }],
  },
  reject_extension: {
    label: ACTION_LABELS.reject_extension,
    path: 'reject-extension',
    roles: DESK,
    tone: 'danger',
    done: '已驳回延期',
    fields: [reason(true, '驳回理由')],
  },
  answer_directly: {
    label: ACTION_LABELS.answer_directly,
    path: 'direct-answer',
    roles: DESK,
    tone: 'success',
    done: '已直接答复',
    fields: [{ key: 'text', label: '答复内容', type: 'textarea', required: true, canned: 'direct_answer' }],
  },
  provide_service: {
    label: ACTION_LABELS.provide_service,
    path: 'provide-service',
    roles: DESK,
    done: '已记录提供服务',
    fields: [{ key: 'text', label: '服务内容', type: 'textarea', required: true }],
  },
  mark_invalid: {
    label: ACTION_LABELS.mark_invalid,
    path: 'invalid',
    roles: DESK,
    tone: 'danger',
    done: '已标记为无效',
    fields: [reason(true, '无效原因（如：骚扰、内容不全）')],
  },
  merge: {
    label: ACTION_LABELS.merge,
    path: 'merge',
    roles: DESK,
    done: '已并入目标工单',
    fields: [
      { key: 'targetTicketId', label: '并入工单（编号或ID）', type: 'text', required: true, placeholder: '例如 QH20261129-000123 或 123' },
      reason(false, '说明'),
    ],
  },
  survey: {
    label: ACTION_LABELS.survey,
    path: 'survey',
    roles: DESK,
    tone: 'primary',
    done: '回访结果已记录',
    fields: [
      { key: 'rating', label: '满意度', type: 'radio', required: true, options: RATING_OPTIONS },
      { key: 'note', label: '回访记录', type: 'textarea' },
    ],
  },
  close: { label: ACTION_LABELS.close, path: 'close', roles: DESK, done: '已办结归档', fields: [reason(false, '说明')] },
};

export { sameTicket, ticketIdFrom } from './ticket-ref';
