import type { TicketStatus } from './ticket-status';

/**
 * What a citizen reads about their own request (the public status page, Open311 status_notes):
 * plain words, nothing of the office's internal steps (returns, reassignments, approvals).
 */
export const PUBLIC_STATUS_LABELS: Record<TicketStatus, string> = {
  received: '已受理，正在分派',
  accepted: '已受理，正在分派',
  invalid: '不予受理',
  direct_answer: '已答复',
  service_provided: '已办结',
  dispatched: '已转交承办单位',
  acknowledged: '承办单位办理中',
  returned: '正在重新分派',
  extension_requested: '承办单位办理中',
  replied: '已答复，等待回访',
  surveyed: '已回访',
  reopened: '重新办理中',
  merged: '已与相同诉求合并办理',
  closed: '已办结',
  reply_review: '承办单位办理中',
  suspension_requested: '承办单位办理中',
  suspended: '办理暂停，待有关情况明确后继续',
};

/** Steps of the public timeline, by ticket event type; events not listed stay internal. */
export const PUBLIC_STEP_LABELS: Record<string, string> = {
  received: '诉求已受理',
  dispatch: '已转交承办单位办理',
  reassign: '已转交承办单位办理',
  acknowledge: '承办单位已签收',
  approve_extension: '办理时限已延长',
  reply: '承办单位已答复',
  answer_directly: '已直接答复',
  provide_service: '已提供服务',
  survey: '已回访',
  merge: '已与相同诉求合并办理',
  mark_invalid: '不予受理',
  close: '已办结',
};

/** The events that give the requester an answer. */
export const PUBLIC_REPLY_EVENTS = ['reply', 'answer_directly', 'provide_service'] as const;

/** A ticket event as far as the public answer needs it. */
export interface PublicReplySource {
  type: string;
  at: Date;
  toStatus?: string | null;
  data?: Record<string, unknown> | null;
}

/**
 * The answer the requester may read, from the ticket's events in order: the latest reply,
 * answer or service — but a unit's reply that waits for 办结审核 only once it is accepted, and
 * never one that was sent back (退回重办).
 */
export function publicReplyOf(events: readonly PublicReplySource[]): { at: Date; text: string | null } | null {
  let shown: PublicReplySource | null = null;
  let pending: PublicReplySource | null = null;
  for (const e of events) {
    if (e.type === 'reply' && e.toStatus === 'reply_review') pending = e;
    else if (e.type === 'accept_reply' && pending) [shown, pending] = [pending, null];
    else if (e.type === 'send_back') pending = null;
    else if ((PUBLIC_REPLY_EVENTS as readonly string[]).includes(e.type)) [shown, pending] = [e, null];
  }
  if (!shown) return null;
  const text = shown.data?.replyText;
  return { at: shown.at, text: typeof text === 'string' ? text : null };
}

/** Open311 knows two statuses: a request is open until it has been answered (replied, answered directly, closed...). */
export function open311Status(status: TicketStatus): 'open' | 'closed' {
  return ['invalid', 'direct_answer', 'service_provided', 'surveyed', 'merged', 'closed', 'replied'].includes(status) ? 'closed' : 'open';
}
