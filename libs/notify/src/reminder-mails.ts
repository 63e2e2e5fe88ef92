import { DEADLINE_STAGE_LABELS, DeadlineStage, REMINDER_LEVEL_LABELS, ReminderLevel } from '@hub/deadlines';
import { SUPERVISION_STAGE, SUPERVISION_STAGE_LABEL } from '@hub/domain';
import { formatDueShanghai } from './mail-templates';

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

export const stageLabel = (stage: string): string =>
  stage === SUPERVISION_STAGE ? SUPERVISION_STAGE_LABEL : (DEADLINE_STAGE_LABELS[stage as DeadlineStage] ?? stage);

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
      `工单 ${f.number}（${f.excerpt}）的${stageLabel(f.stage)}时限 ${formatDueShanghai(f.dueAt)} 已届满，` +
        `${f.unitName ? `承办单位「${f.unitName}」` : '分拨环节'}仍未完成，已转督办，请跟进。`,
      '',
      `工单链接：${f.link}`,
    ].join('\n'),
  };
}
