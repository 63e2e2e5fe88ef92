import { SUPERVISION_LEVEL_LABELS, SupervisionLevel } from '@hub/domain';
import { formatDueShanghai } from './mail-templates';

/** The mail a unit gets when a supervisor opens a 督办单 on one of its tickets. */
export function supervisionOrderNotice(o: {
  number: string;
  unit: string;
  level: SupervisionLevel;
  reason: string;
  instructions: string;
  dueAt: Date;
  issuedBy: string;
  link: string;
}) {
  const level = SUPERVISION_LEVEL_LABELS[o.level];
  return {
    subject: `【${level}】督办单：工单 ${o.number}，请于 ${formatDueShanghai(o.dueAt)} 前书面回复`,
    text: [
      `${o.unit}：`,
      '',
      `对贵单位承办的工单 ${o.number} 下发${level}单，请按要求办理，并于 ${formatDueShanghai(o.dueAt)} 前书面回复（督办回复）。逾期未回复的将予以通报。`,
      '',
      `督办事由：${o.reason}`,
      `督办要求：${o.instructions}`,
      `督办人：${o.issuedBy}`,
      '',
      `办理链接：${o.link}`,
    ].join('\n'),
  };
}
