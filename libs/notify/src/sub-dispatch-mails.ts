import { OUTCOME_LABELS, type Outcome } from '@hub/domain';
import { formatDueShanghai } from './mail-templates';

/** 二级派单, upward: the desk unit hears that the unit below returned its ticket (退单) or replied (办结反馈). */
export function subStepNotice(o: {
  number: string;
  desk: string;
  unit: string;
  step: 'returned' | 'replied';
  outcome?: Outcome | null;
  text: string;
  link: string;
}) {
  const returned = o.step === 'returned';
  return {
    subject: returned ? `下级退单：工单 ${o.number}（${o.unit}）` : `下级办结反馈：工单 ${o.number}（${o.unit}）`,
    text: [
      `${o.desk}：`,
      '',
      returned
        ? `贵单位转派${o.unit}的工单 ${o.number} 已被退回，理由：${o.text}\n请另行转派或自行办理。`
        : `贵单位转派${o.unit}的工单 ${o.number} 已办结反馈${o.outcome ? `（${OUTCOME_LABELS[o.outcome]}）` : ''}：\n${o.text}\n请审核后向上办结反馈（可修改），或退回重办。`,
      '',
      `办理链接：${o.link}`,
    ].join('\n'),
  };
}

/** 二级派单, downward: the desk unit sends the lower unit's reply back (退回重办), with its reason and the new time limit. */
export function subReplySentBackNotice(o: { number: string; desk: string; unit: string; reason: string; dueAt: Date | null; link: string }) {
  return {
    subject: `退回重办：工单 ${o.number} 办结反馈未通过${o.desk}审核`,
    text: [
      `${o.unit}：`,
      '',
      `工单 ${o.number} 的办结反馈未通过${o.desk}审核，退回重办。理由：${o.reason}`,
      o.dueAt ? `请于 ${formatDueShanghai(o.dueAt)} 前重新办结反馈。` : '请重新办结反馈。',
      '',
      `办理链接：${o.link}`,
    ].join('\n'),
  };
}
