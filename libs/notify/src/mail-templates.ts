import {
  formatBusinessDue,
  formatBusinessTime,
  maskAddress,
  maskEmail,
  maskName,
  maskPhone,
  OUTCOME_LABELS,
  Outcome,
  redactPersonalText,
  URGENCY_LABELS,
} from '@hub/domain';

// The masking itself lives in @hub/domain (one module for the API and the mails).
export { maskEmail, maskName, maskPhone } from '@hub/domain';

const shanghai = (d: Date | null | undefined) => (d ? formatBusinessTime(d) : '—');
export { shanghai as formatShanghai };

/**
 * A due time as a unit reads it, Beijing time: a limit that ends with its last day (00:00 of the
 * next day) is written `2026-02-27 24:00`, not `2026-02-28 00:00`, which reads as one more day.
 */
export function formatDueShanghai(d: Date | null | undefined): string {
  return d ? formatBusinessDue(d) : '—';
}

export interface TicketFacts {
  number: string;
  subject: string | null;
  text: string;
  channel: string;
  source: string;
  receivedAt: Date;
  category: string | null;
  region: string | null;
  urgency: string;
  address: string | null;
  requesterName: string | null;
  requesterPhone: string | null;
  requesterEmail: string | null;
  /** Read only to find it in the text of a confidential ticket; never written in a mail. */
  requesterIdNumber?: string | null;
  requesterAddress?: string | null;
  confidential: boolean;
}

/**
 * What a unit may read of a confidential ticket (是否保密): the requester's name and numbers
 * masked, the address cut to its district, and the same masked wherever the text repeats them.
 */
export function factsForUnit(t: TicketFacts): TicketFacts {
  if (!t.confidential) return t;
  const known = {
    name: t.requesterName,
    phone: t.requesterPhone,
    email: t.requesterEmail,
    idNumber: t.requesterIdNumber,
    address: t.address,
    otherAddress: t.requesterAddress,
  };
  return {
    ...t,
    subject: redactPersonalText(t.subject, known),
    text: redactPersonalText(t.text, known),
    address: maskAddress(t.address),
    requesterName: maskName(t.requesterName),
    requesterPhone: t.requesterPhone ? maskPhone(t.requesterPhone) : null,
    requesterEmail: t.requesterEmail ? maskEmail(t.requesterEmail) : null,
    requesterIdNumber: null,
    requesterAddress: null,
  };
}

/** `t` as factsForUnit made it: a confidential ticket's requester is already masked. */
function requesterLines(t: TicketFacts): string[] {
  return [
    `诉求人：${t.requesterName || '匿名'}${t.confidential ? '（保密件，个人信息已隐去）' : ''}`,
    t.requesterPhone ? `联系电话：${t.requesterPhone}` : '',
    t.requesterEmail ? `电子邮箱：${t.requesterEmail}` : '',
  ].filter(Boolean);
}

/** 交办 (or, with `from`, 二级派单: a desk unit hands its ticket down to `unit`). */
export function dispatchNotice(facts: TicketFacts, unit: string, role: 'lead' | 'assist', due: Date | null, link: string, reopened = false, from?: string) {
  const t = factsForUnit(facts);
  const tag = t.urgency === 'urgent' ? '【紧急】' : '';
  return {
    subject: `${tag}${reopened ? '重办' : '交办'}工单 ${t.number}：${(t.subject || t.text).slice(0, 30)}`,
    text: [
      `${unit}：`,
      '',
      from
        ? `${from}将以下工单转派贵单位办理（二级派单），请及时签收办理，并向${from}办结反馈。`
        : `现将以下工单${reopened ? '退回重办（诉求人对办理结果不满意）' : role === 'lead' ? '交由贵单位主办' : '交由贵单位协办'}，请及时签收办理。`,
      '',
      `工单编号：${t.number}`,
      `来源：${t.source}`,
      `受理时间：${shanghai(t.receivedAt)}`,
      `紧急程度：${URGENCY_LABELS[t.urgency === 'urgent' ? 'urgent' : 'normal']}`,
      t.category ? `诉求分类：${t.category}` : '',
      t.region ? `所属区域：${t.region}` : '',
      t.address ? `地址：${t.address}` : '',
      ...requesterLines(t),
      due ? `办结时限：${formatDueShanghai(due)}` : '',
      '',
      '诉求内容：',
      t.text,
      '',
      `办理链接：${link}`,
    ]
      .filter((l, i, a) => l !== '' || a[i - 1] !== '')
      .join('\n'),
  };
}

export function answerToCitizen(number: string, name: string | null, outcome: Outcome | null, reply: string, unit: string | null) {
  return {
    subject: `关于您的来信的答复（工单编号 ${number}）`,
    text: [
      `${name || '您'}：`,
      '',
      `您好！您反映的问题（工单编号 ${number}）${unit ? `已由${unit}办理` : '已办理'}${outcome ? `，办理结果：${OUTCOME_LABELS[outcome]}` : ''}。答复如下：`,
      '',
      reply,
      '',
      '如对办理结果有意见，请直接回复本邮件并保留标题中的工单编号。感谢您对我们工作的支持！',
    ].join('\n'),
  };
}

/** 驳回退单: the unit is told its return was refused, and why. */
export function returnRejectedNotice(number: string, unit: string, reason: string, link: string) {
  return {
    subject: `退单未通过：工单 ${number}`,
    text: `${unit}：\n\n工单 ${number} 的退单申请未通过，理由：${reason}\n请继续办理。\n\n${link}\n`,
  };
}

/** 退回重办 after 办结审核: the unit is told what is wrong with its reply and by when to reply again. */
export function replySentBackNotice(number: string, unit: string, reason: string, dueAt: Date | null, link: string) {
  return {
    subject: `退回重办：工单 ${number} 办结反馈未通过审核`,
    text: `${unit}：\n\n工单 ${number} 的办结反馈未通过审核，退回重办。理由：${reason}\n${dueAt ? `请于 ${formatDueShanghai(dueAt)} 前重新办结反馈。` : '请重新办结反馈。'}\n\n${link}\n`,
  };
}

/** 领导批示: the unit leading the ticket gets the leader's instruction. */
export function leaderInstructionNotice(number: string, unit: string, leader: string, text: string, link: string) {
  return {
    subject: `领导批示：工单 ${number}`,
    text: `${unit}：\n\n${leader} 对工单 ${number} 作出批示：\n${text}\n\n请按批示要求抓紧办理。\n\n${link}\n`,
  };
}

/** 并单: the unit holding the open ticket is told the requester came back about it. */
export function repeatMergedNotice(unit: string, openNumber: string, repeatNumber: string, repeatText: string, link: string) {
  return {
    subject: `重复来件：工单 ${openNumber} 诉求人再次反映`,
    text: `${unit}：\n\n诉求人就工单 ${openNumber} 再次来件（${repeatNumber}），已并入原工单，请加快办理。\n\n新来件内容：\n${repeatText}\n\n${link}\n`,
  };
}

/** 集体诉求: many different requesters on one place and matter within a window, for the supervisors. */
export function clusterAlert(title: string, requesters: number, windowHours: number) {
  return {
    subject: `【集体诉求】${title}：${requesters} 位诉求人`,
    text: `${windowHours} 小时内 ${requesters} 位不同诉求人反映同一地点同一事项：${title}。\n请督办关注。\n`,
  };
}

/** An urgent or sensitive item (gas, fire, threats of extreme action...), for the duty supervisor at once. */
export function urgentAlert(t: { number: string; subject: string | null; text: string }, sensitive: boolean, signals: string[], link: string) {
  return {
    subject: `【紧急${sensitive ? '·敏感' : ''}】工单 ${t.number}：${(t.subject || t.text).slice(0, 30)}`,
    text: `工单 ${t.number} 判定为${sensitive ? '紧急敏感件' : '紧急件'}（${signals.join('、') || '紧急'}）。\n\n${t.text}\n\n${link}\n`,
  };
}

/** To supervisors: a mailbox cannot be read (sent once per episode). */
export function mailboxFailingAlert(m: {
  mailbox: string;
  user: string;
  host: string;
  port: number;
  failures: number;
  error: string;
  lastSuccessAt: Date | null;
}) {
  return {
    subject: `【信箱故障】${m.mailbox} 无法收信`,
    text: [
      `信箱“${m.mailbox}”（${m.user}@${m.host}:${m.port}）收信失败，已连续 ${m.failures} 次。`,
      '',
      `错误：${m.error}`,
      '',
      m.lastSuccessAt ? `最后一次成功收信：${m.lastSuccessAt.toISOString()}` : '该信箱还没有成功收过信。',
      '在问题解决前，市民来信会留在信箱里，不会丢失；恢复后系统会自动补收。',
      '本次故障只提醒这一次；恢复后会再通知。',
    ].join('\n'),
  };
}

/** To supervisors: a mailbox that was failing is read again. */
export function mailboxRecoveredNotice(m: { mailbox: string; failingSince: Date; fetched: number; created: number }) {
  return {
    subject: `【信箱恢复】${m.mailbox} 已恢复收信`,
    text: `信箱“${m.mailbox}”已恢复收信（故障自 ${m.failingSince.toISOString()} 起）。本次收到 ${m.fetched} 封，新建工单 ${m.created} 件。`,
  };
}

/** To supervisors: a mailbox that works has received nothing for longer than its setting. */
export function mailboxSilentAlert(m: { mailbox: string; user: string; host: string; since: Date | null; hours: number; silentAlertHours: number }) {
  return {
    subject: `【信箱无来信】${m.mailbox} 已 ${m.hours} 小时没有收到邮件`,
    text: [
      `信箱“${m.mailbox}”（${m.user}@${m.host}）自 ${m.since?.toISOString()} 起没有收到任何邮件（超过设定的 ${m.silentAlertHours} 小时）。`,
      '收信连接本身正常。请检查：网站信箱表单是否仍转发到该地址、邮件服务器的转发和过滤规则、信箱是否已满。',
      '在收到新邮件之前不会再次提醒。',
    ].join('\n'),
  };
}

/** To the unit that keeps a knowledge entry (or the hotline office): its validity ends soon (sent once per end date). */
export function knowledgeExpiryNotice(owner: string, entry: { id: number; title: string; validTo: string }, link: string) {
  return {
    subject: `【知识库】条目「${entry.title.slice(0, 40)}」将于 ${entry.validTo} 失效`,
    text: `${owner}：\n\n贵单位维护的知识条目「${entry.title}」（编号 ${entry.id}）有效期至 ${entry.validTo}。到期后话务员将不再看到该条目。\n如政策仍然有效，请核对内容后延长有效期；如已变更，请更新答复口径。\n\n${link}\n`,
  };
}
