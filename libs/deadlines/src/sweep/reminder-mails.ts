import { formatDueShanghai } from '@hub/notify';
import { DEADLINE_STAGE_LABELS, DeadlineStage } from '../deadline-policies';
import { DigestItem, SupervisorDigest, UnitDigest } from '../overdue-digest';
import { REMINDER_LEVEL_LABELS, ReminderLevel } from '../reminder-ladder';

/** What a reminder mail says about its ticket. */
export interface ReminderMailFacts {
  number: string;
  /** First words of the request, so the reader knows which matter it is. */
  excerpt: string;
  stage: string;
  level: ReminderLevel;
  dueAt: Date;
  unitName: string | null;
  link: string;
  /** 紧急件 are marked in the subject, so they stand out in a full inbox. */
  urgent?: boolean;
}

export const stageLabel = (stage: string): string => DEADLINE_STAGE_LABELS[stage as DeadlineStage] ?? stage;

const LEVEL_SENTENCE: Record<ReminderLevel, string> = {
  yellow: '办理时间已过半，请合理安排，按时办结。',
  red: '办理时限即将届满，请抓紧办理，确需延期的请在时限届满前提出申请。',
  due: '办理时限已届满，请立即办理并反馈。',
  overdue: '已超过办理时限，请立即办理并反馈，超期情况将纳入考核。',
  escalation: '已超期，转督办。',
};

/** 预警 / 催办 to the handling unit. */
export function unitReminderMail(f: ReminderMailFacts): { subject: string; text: string } {
  const label = REMINDER_LEVEL_LABELS[f.level];
  return {
    subject: `【${label}】${f.urgent ? '【紧急】' : ''}工单 ${f.number} ${stageLabel(f.stage)}时限 ${formatDueShanghai(f.dueAt)}`,
    text: [
      `${f.unitName ?? '各位'}：`,
      '',
      `工单 ${f.number}（${f.excerpt}）的${stageLabel(f.stage)}时限为 ${formatDueShanghai(f.dueAt)}。`,
      LEVEL_SENTENCE[f.level],
      '',
      `办理链接：${f.link}`,
      '',
      '（本邮件由12345热线平台自动发送，请勿直接回复。）',
    ].join('\n'),
  };
}

/** 督办 to the duty supervisors. */
export function escalationMail(f: ReminderMailFacts): { subject: string; text: string } {
  return {
    subject: `【督办】${f.urgent ? '【紧急】' : ''}工单 ${f.number} ${stageLabel(f.stage)}已超期（${f.unitName ?? '待分拨'}）`,
    text: [
      '督办人员：',
      '',
      `工单 ${f.number}（${f.excerpt}）的${stageLabel(f.stage)}时限 ${formatDueShanghai(f.dueAt)} 已届满，`
        + `${f.unitName ? `承办单位「${f.unitName}」` : '分拨环节'}仍未完成，已转督办，请跟进。`,
      '',
      `工单链接：${f.link}`,
    ].join('\n'),
  };
}

const MAX_LISTED = 200;

function lines(items: readonly DigestItem[], numberOf: (ticketId: number) => string, unitOf?: (i: DigestItem) => string | null): string[] {
  const out = items.slice(0, MAX_LISTED).map((i, n) => {
    const unit = unitOf ? `【${unitOf(i) ?? '待分拨'}】` : '';
    const days = i.overdueWorkingDays > 0 ? `超期第${i.overdueWorkingDays}个工作日` : '今日超期';
    return `${n + 1}. ${unit}${i.ticketNo ?? numberOf(i.ticketId)} ${stageLabel(i.stage)} 时限 ${formatDueShanghai(i.dueAt)}，${days}${i.escalated ? '，已督办' : ''}`;
  });
  if (items.length > MAX_LISTED) out.push(`……另有 ${items.length - MAX_LISTED} 件，请登录平台查看。`);
  return out;
}

/** 每日超期汇总 for one unit. */
export function unitDigestMail(d: UnitDigest, day: string, link: string, numberOf: (ticketId: number) => string) {
  return {
    subject: `【每日超期汇总】${day} ${d.unitName ?? ''} 超期工单 ${d.items.length} 件`,
    text: [`${d.unitName ?? '各位'}：`, '', `截至 ${day} 本单位有 ${d.items.length} 件工单超过办理时限，请尽快办理：`, '',
      ...lines(d.items, numberOf), '', `平台：${link}`].join('\n'),
  };
}

/** 每日超期汇总 for supervisors: every unit, counts first. */
export function supervisorDigestMail(d: SupervisorDigest, day: string, link: string, numberOf: (ticketId: number) => string, unitNameOf: (i: DigestItem) => string | null) {
  return {
    subject: `【每日超期汇总】${day} 全市超期工单 ${d.items.length} 件`,
    text: [
      '督办人员：', '', `截至 ${day} 共有 ${d.items.length} 件工单超过办理时限。按单位：`,
      ...d.byUnit.map((u) => `- ${u.unitName ?? '待分拨'}：${u.count} 件`), '', '明细：',
      ...lines(d.items, numberOf, unitNameOf), '', `平台：${link}`,
    ].join('\n'),
  };
}
