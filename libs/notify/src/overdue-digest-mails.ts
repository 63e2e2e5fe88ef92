import type { DigestItem, SupervisorDigest, UnitDigest } from '@hub/deadlines';
import { formatDueShanghai } from './mail-templates';
import { stageLabel } from './reminder-mails';

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
    text: [
      `${d.unitName ?? '各位'}：`,
      '',
      `截至 ${day} 本单位有 ${d.items.length} 件工单超过办理时限，请尽快办理：`,
      '',
      ...lines(d.items, numberOf),
      '',
      `平台：${link}`,
    ].join('\n'),
  };
}

/** 每日超期汇总 for supervisors: every unit, counts first. */
export function supervisorDigestMail(
  d: SupervisorDigest,
  day: string,
  link: string,
  numberOf: (ticketId: number) => string,
  unitNameOf: (i: DigestItem) => string | null,
) {
  return {
    subject: `【每日超期汇总】${day} 全市超期工单 ${d.items.length} 件`,
    text: [
      '督办人员：',
      '',
      `截至 ${day} 共有 ${d.items.length} 件工单超过办理时限。按单位：`,
      ...d.byUnit.map((u) => `- ${u.unitName ?? '待分拨'}：${u.count} 件`),
      '',
      '明细：',
      ...lines(d.items, numberOf, unitNameOf),
      '',
      `平台：${link}`,
    ].join('\n'),
  };
}
