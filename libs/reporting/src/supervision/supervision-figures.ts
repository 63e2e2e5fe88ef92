import {
  answeredOnTime,
  SUPERVISION_LEVEL_LABELS,
  SUPERVISION_LEVELS,
  SUPERVISION_ORDER_STATUS_LABELS,
  SupervisionLevel,
  SupervisionOrderStatus,
} from '@hub/domain';

/** One 督办单 as lists, the 通报 and the statistics read it. */
export interface SupervisionOrderView {
  id: number;
  ticketId: number;
  ticketNumber: string;
  /** The ticket's subject or category: which matter, without the citizen's words. */
  ticketTitle: string;
  unitId: number;
  unit: string;
  level: SupervisionLevel;
  levelText: string;
  status: SupervisionOrderStatus;
  statusText: string;
  reason: string;
  instructions: string;
  issuedAt: Date;
  dueAt: Date;
  issuedBy: string;
  answerText: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  /** null while unanswered. */
  answeredOnTime: boolean | null;
  reportedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  batchKey: string | null;
}

export interface SupervisionOrderRow {
  id: number;
  ticketId: number;
  unitId: number;
  level: string;
  status: string;
  reason: string;
  instructions: string;
  issuedAt: Date;
  dueAt: Date;
  issuedByName: string;
  answerText: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
  reportedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  batchKey: string | null;
}

export function orderView(o: SupervisionOrderRow, ticket: { number: string; title: string }, unit: string): SupervisionOrderView {
  const level = o.level as SupervisionLevel;
  const status = o.status as SupervisionOrderStatus;
  return {
    id: o.id,
    ticketId: o.ticketId,
    ticketNumber: ticket.number,
    ticketTitle: ticket.title,
    unitId: o.unitId,
    unit,
    level,
    levelText: SUPERVISION_LEVEL_LABELS[level] ?? o.level,
    status,
    statusText: SUPERVISION_ORDER_STATUS_LABELS[status] ?? o.status,
    reason: o.reason,
    instructions: o.instructions,
    issuedAt: o.issuedAt,
    dueAt: o.dueAt,
    issuedBy: o.issuedByName,
    answerText: o.answerText,
    answeredAt: o.answeredAt,
    answeredBy: o.answeredByName,
    answeredOnTime: o.answeredAt ? answeredOnTime(o) : null,
    reportedAt: o.reportedAt,
    withdrawnAt: o.withdrawnAt,
    withdrawReason: o.withdrawReason,
    batchKey: o.batchKey,
  };
}

/** Counts of orders issued in a period (withdrawn ones apart: they count for nobody). */
export interface SupervisionCounts {
  issued: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Not answered yet, due time not passed. */
  pending: number;
  /** Not answered yet, due time passed (通报 or on its way there). */
  overdue: number;
  /** Put on the 通报 list (answered later or not). */
  reported: number;
  withdrawn: number;
  /** answeredOnTime / (issued − withdrawn); null when nothing counts. */
  onTimeRate: number | null;
}

export interface SupervisionFigures {
  total: SupervisionCounts;
  byLevel: Array<{ level: SupervisionLevel; levelText: string } & SupervisionCounts>;
  byUnit: Array<{ unitId: number; unit: string } & SupervisionCounts>;
  /** How each figure is counted, printed beside it. */
  definitions: Record<keyof SupervisionCounts, string>;
}

export const SUPERVISION_COUNT_DEFINITIONS: Record<keyof SupervisionCounts, string> = {
  issued: '期内下发的督办单（含已撤销）',
  answeredOnTime: '在回复时限内书面回复的督办单',
  answeredLate: '超过回复时限后才回复的督办单',
  pending: '尚未回复、未到回复时限的督办单',
  overdue: '尚未回复、已过回复时限的督办单',
  reported: '逾期未回复被列入通报的督办单（之后补回复的仍计入）',
  withdrawn: '已撤销的督办单，不计入按时回复率',
  onTimeRate: '按时回复率 = 按时回复 / (下发 − 撤销)',
};

function count(orders: SupervisionOrderView[], now: Date): SupervisionCounts {
  const c: SupervisionCounts = { issued: 0, answeredOnTime: 0, answeredLate: 0, pending: 0, overdue: 0, reported: 0, withdrawn: 0, onTimeRate: null };
  for (const o of orders) {
    c.issued++;
    if (o.reportedAt) c.reported++;
    if (o.status === 'withdrawn') c.withdrawn++;
    else if (o.answeredAt) c[o.answeredOnTime ? 'answeredOnTime' : 'answeredLate']++;
    else c[o.reportedAt || o.dueAt.getTime() < now.getTime() ? 'overdue' : 'pending']++;
  }
  const counted = c.issued - c.withdrawn;
  c.onTimeRate = counted ? c.answeredOnTime / counted : null;
  return c;
}

export function supervisionFigures(orders: SupervisionOrderView[], now: Date): SupervisionFigures {
  const units = new Map<number, { unit: string; orders: SupervisionOrderView[] }>();
  for (const o of orders) {
    const u = units.get(o.unitId) ?? { unit: o.unit, orders: [] };
    u.orders.push(o);
    units.set(o.unitId, u);
  }
  return {
    total: count(orders, now),
    byLevel: SUPERVISION_LEVELS.map((level) => ({
      level,
      levelText: SUPERVISION_LEVEL_LABELS[level],
      ...count(
        orders.filter((o) => o.level === level),
        now,
      ),
    })),
    byUnit: [...units.entries()]
      .map(([unitId, u]) => ({ unitId, unit: u.unit, ...count(u.orders, now) }))
      .sort((a, b) => b.reported - a.reported || b.overdue - a.overdue || a.unit.localeCompare(b.unit, 'zh-CN')),
    definitions: SUPERVISION_COUNT_DEFINITIONS,
  };
}
