/**
 * Mail that a machine sent (auto-replies, out-of-office, bounces, our own answers looping back)
 * never becomes a ticket. It is recorded as ignored with the reason returned here.
 */

import { HUB_MARKER_HEADER } from '@hub/domain';

export { HUB_MARKER_HEADER };

export type AutomatedKind = 'loop' | 'bounce' | 'auto-reply' | 'bulk';

export interface IgnoreReason {
  kind: AutomatedKind;
  /** For the administrator: which signal decided it, e.g. `Auto-Submitted: auto-replied`. */
  reason: string;
}

export interface AutomatedCheckInput {
  /** Root headers, lower-case names, unfolded values. */
  headers: ReadonlyMap<string, readonly string[]>;
  from: { address: string } | null;
  subject: string;
  /** Root content type, lower case. */
  contentType: string;
  contentTypeParams?: Record<string, string>;
  /** The letter's text, when known: some Chinese mail services' notices say what they are only there. */
  text?: string;
}

export interface AutomatedCheckOptions {
  /** The mailbox's own addresses: mail from them is our own mail coming back. */
  ownAddresses?: readonly string[];
}

// Subjects of out-of-office and delivery-failure notices. Matched at the start (after Re:/回复:)
// so a citizen writing about their own leave ("关于年休假被拒的投诉") is not mistaken for one.
// Exchange and Coremail put the failed letter's subject after a Chinese word and a colon
// ("未送达: …", "无法投递: …"); QQ Mail and Exchange in traditional Chinese write 假期自动回复, 自動回覆.
const AUTO_SUBJECT_START =
  /^(?:(?:re|回复|答复|fw|fwd|转发)\s*[:：]\s*)*(?:自动回复|自动答复|假期自动回复|自動回覆|自動回復|自动回覆|自動答覆|休假|out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply|auto:|undeliverable|undelivered mail|delivery status notification|delivery failure|mail delivery failed|returned mail|系统退信|退信|(?:无法投递|未送达|无法送达|未能送达|無法傳遞|未傳遞|退回)\s*[:：]|(?:邮件|郵件)?(?:投递|发送|递送|送达)失败(?:通知|报告)|邮件(?:投递|发送)失败|邮件被退回|邮件退回)/i;
const AUTO_SUBJECT_ANYWHERE = /(?:正在休假|休假中|休假自动|外出自动回复|不在办公室|\[自动回复\]|【自动回复】|\[自動回覆\]|【自動回覆】)/i;
// Auto-replies that say so only in their first line ("这是来自QQ邮箱的假期自动回复邮件。").
const AUTO_TEXT_START = /^(?:这是|此为|此邮件为|本邮件为|这是一封)(?:来自.{1,20}?的)?(?:假期|休假)?自动(?:回复|答复)(?:邮件|信件|消息)?/;
const BOUNCE_SUBJECT = /undeliver|delivery|returned mail|退信|投递|送达|退回|傳遞|失败/i;
// An auto-reply about a failed delivery ("自动回复：投递失败…") is still an auto-reply.
const AUTO_REPLY_SUBJECT = /自动回复|自动答复|自動回覆|自動回復|自动回覆|自動答覆|休假|out of (?:the )?office|auto(?:matic)?[- ]?reply/i;
const DAEMON_LOCAL_PART = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;
const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'auto_reply', 'auto-reply']);

export function classifyAutomated(letter: AutomatedCheckInput, opts: AutomatedCheckOptions = {}): IgnoreReason | null {
  const h = (name: string) => letter.headers.get(name.toLowerCase())?.[0]?.trim() ?? null;

  const marker = h(HUB_MARKER_HEADER);
  if (marker !== null) return { kind: 'loop', reason: `本系统发出的邮件回流（${HUB_MARKER_HEADER}: ${marker}）` };
  const fromAddress = letter.from?.address.toLowerCase() ?? '';
  if (fromAddress && opts.ownAddresses?.some((a) => a.toLowerCase() === fromAddress)) {
    return { kind: 'loop', reason: `发件人是本信箱自己的地址（${fromAddress}）` };
  }

  const reportType = (letter.contentTypeParams?.['report-type'] ?? '').toLowerCase();
  if (letter.contentType === 'multipart/report' && (reportType === '' || reportType.includes('delivery-status'))) {
    return { kind: 'bounce', reason: `退信（Content-Type: multipart/report; report-type=${reportType || '未注明'}）` };
  }
  const failed = h('x-failed-recipients');
  if (failed !== null) return { kind: 'bounce', reason: `退信（X-Failed-Recipients: ${failed}）` };
  const localPart = fromAddress.split('@')[0];
  if (localPart && DAEMON_LOCAL_PART.test(localPart)) return { kind: 'bounce', reason: `退信（发件人 ${fromAddress}）` };

  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted !== null && autoSubmitted.toLowerCase().split(';')[0].trim() !== 'no') {
    return { kind: 'auto-reply', reason: `自动发出的邮件（Auto-Submitted: ${autoSubmitted}）` };
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const v = h(name);
    if (v !== null && v.toLowerCase() !== 'no') return { kind: 'auto-reply', reason: `自动回复（${name}: ${v}）` };
  }
  const precedence = h('precedence');
  if (precedence !== null && BULK_PRECEDENCE.has(precedence.toLowerCase())) {
    return { kind: precedence.toLowerCase().startsWith('auto') ? 'auto-reply' : 'bulk', reason: `群发或自动邮件（Precedence: ${precedence}）` };
  }

  const subject = letter.subject.trim();
  if (AUTO_SUBJECT_START.test(subject) || AUTO_SUBJECT_ANYWHERE.test(subject)) {
    const bounce = BOUNCE_SUBJECT.test(subject) && !AUTO_REPLY_SUBJECT.test(subject);
    return { kind: bounce ? 'bounce' : 'auto-reply', reason: `${bounce ? '退信' : '自动回复'}（主题“${subject.slice(0, 60)}”）` };
  }
  const firstLine = (letter.text ?? '').trimStart().split('\n', 1)[0].trim(); // (not the whole letter split into lines)
  if (AUTO_TEXT_START.test(firstLine)) return { kind: 'auto-reply', reason: `自动回复（正文开头“${firstLine.slice(0, 40)}”）` };
  return null;
}
