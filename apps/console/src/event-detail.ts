import { formatTime } from './format';
import { label, OUTCOME_LABELS } from './labels';
import type { TicketDetail } from './types';

/** The parts of a ticket's timeline event these read. */
export type EventLike = Pick<TicketDetail['events'][number], 'type' | 'actor' | 'at' | 'reason' | 'data'>;

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/** The particulars of a timeline event: unit, outcome, days asked or granted, the reply, the ticket merged. */
export function eventDetail(e: EventLike): string {
  const d = e.data ?? {};
  const parts: string[] = [];
  if (typeof d.number === 'string') parts.push(`工单：${d.number}`);
  if (typeof d.unit === 'string') parts.push(`单位：${d.unit}`);
  if (typeof d.outcome === 'string') parts.push(`结果：${label(OUTCOME_LABELS, d.outcome)}`);
  if (typeof d.rating === 'string') parts.push(`评价：${d.rating}`);
  const days = typeof d.extensionDays === 'number' ? d.extensionDays : typeof d.days === 'number' ? d.days : null;
  if (days != null) parts.push(`${e.type === 'approve_extension' ? '批准' : '延期'} ${days} 个工作日`);
  if (typeof d.targetTicketId === 'number') parts.push(`并入工单 ID ${d.targetTicketId}`);
  if (typeof d.knowledgeId === 'number' && typeof d.title === 'string') parts.push(`知识条目：${d.title}（第 ${String(d.version)} 版）`);
  const text = typeof d.replyText === 'string' ? d.replyText : typeof d.text === 'string' ? d.text : null;
  if (text) parts.push(clip(text));
  return parts.join('；');
}

/**
 * What an approver decides on: the unit's last 延期 request (days and reason) or its 退单 reason,
 * with who asked and when. Empty when the ticket has no such request.
 */
export function pendingRequest(events: EventLike[], action: string): string {
  const type = action.endsWith('_extension')
    ? 'request_extension'
    : action.endsWith('_return')
      ? 'return'
      : action.endsWith('_suspension')
        ? 'request_suspension'
        : null;
  if (!type) return '';
  const e = [...events].reverse().find((x) => x.type === type);
  if (!e) return '';
  const who = `${e.actor}，${formatTime(e.at)}`;
  if (type === 'request_suspension') return `申请中止：${e.reason ?? '（未填写）'}；预计 ${String(e.data?.expectedResumeOn ?? '—')} 恢复（${who}）`;
  if (type === 'return') return `退单理由：${e.reason ?? '（未填写）'}（${who}）`;
  const days = Number(e.data?.extensionDays ?? e.data?.days);
  return `申请延期 ${Number.isFinite(days) && days > 0 ? `${days} 个工作日` : ''}；理由：${e.reason ?? '（未填写）'}（${who}）`;
}
