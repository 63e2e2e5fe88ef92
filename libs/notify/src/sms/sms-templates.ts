import { formatBusinessDue } from '@hub/domain';
import type { NewSms } from '@hub/database';
import { SINGLE_SMS_CHARS } from './sms-segments';

/**
 * Every SMS wording in one place. Each fits one SMS (70 characters) with a usual ticket number
 * (QH20261129-000123) and a short link; a long link or summary makes it two. The 【签名】 the
 * carriers require is added by the gateway (SMPP `sign=`, Aliyun's SignName), not here.
 */
export type SmsDraft = Pick<NewSms, 'kind' | 'text' | 'urgent' | 'essential'>;

/** A receipt to the caller who has only a phone: the number and the one-time 查询码. */
export function receiptSms(a: { number: string; lookupCode: string }): SmsDraft {
  return {
    kind: 'receipt',
    essential: true,
    urgent: false,
    text: `您的诉求已受理，工单号${a.number}，查询码${a.lookupCode}，可凭此查询办理进度。`,
  };
}

/** The satisfaction survey once a reply was given; not essential, so it carries the opt-out. */
export function surveySms(a: { number: string; link: string }): SmsDraft {
  return { kind: 'survey', essential: false, urgent: false, text: `工单${a.number}已答复，请评价：${a.link} 回TD退订` };
}

/** A reminder to a unit's liaison officer (联络员): what is due, and when. */
export function liaisonReminderSms(a: { number: string; stage: string; dueAt: Date | null; overdue?: boolean }): SmsDraft {
  const when = a.dueAt ? formatBusinessDue(a.dueAt).slice(5) : '';
  const text = a.overdue
    ? `【超期督办】工单${a.number}${a.stage}已超期${when ? `（时限${when}）` : ''}，请立即办理。`
    : `【催办】工单${a.number}${a.stage}将于${when}到期，请及时办理。`;
  return { kind: 'reminder', essential: true, urgent: false, text };
}

/** An urgent ticket (gas leak, fire, wage protest…) to the liaison officer: now, quiet hours or not. */
export function urgentAlertSms(a: { number: string; summary: string }): SmsDraft {
  const head = `【紧急】工单${a.number}：`;
  const tail = '，请立即处置。';
  const room = SINGLE_SMS_CHARS - head.length - tail.length;
  const summary = a.summary.replace(/\s+/g, ' ').trim();
  const clipped = summary.length > room ? `${summary.slice(0, Math.max(0, room - 1))}…` : summary;
  return { kind: 'alert', essential: true, urgent: true, text: `${head}${clipped}${tail}` };
}

/** Texts a phone sends to stop non-essential SMS (TD, T, 退订, unsubscribe…), as carriers accept them. */
export function isOptOutReply(text: string): boolean {
  const t = text
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s。.!！]/g, '');
  return ['TD', 'T', 'N', '退订', '取消', '退定', 'STOP', 'UNSUBSCRIBE', '0000'].includes(t);
}
