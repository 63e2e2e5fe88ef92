/**
 * The figures every report shows and how they are derived. Counts are additive (they sum over
 * days and breakdowns); rates and handling times are derived from them at the end.
 */

import { COUNT_MEASURES, CountMeasure, HANDLING_BUCKET_HOURS } from '@hub/database';

// The counts are stats_daily's columns: their list lives with the table.
export { COUNT_MEASURES, HANDLING_BUCKET_HOURS };
export type { CountMeasure };
export type Counts = Record<CountMeasure, number>;

export function emptyCounts(): Counts {
  return Object.fromEntries(COUNT_MEASURES.map((m) => [m, 0])) as Counts;
}

export function addCounts(into: Counts, more: Partial<Record<CountMeasure, unknown>>): Counts {
  for (const m of COUNT_MEASURES) into[m] += Number(more[m] ?? 0) || 0;
  return into;
}

export interface Rates {
  /** 响应率 */ responseRate: number;
  /** 反馈率 */ feedbackRate: number;
  /** 办结率 */ completionRate: number;
  /** 按期办结率 */ onTimeRate: number;
  /** 满意率 */ satisfactionRate: number;
  /** 解决率 */ resolutionRate: number;
}

// The rates' names live in the domain (the console shows them too).
export { RATE_LABELS } from '@hub/domain';

/** Stated in every report: no national formula exists, so the hub says which it uses. */
export const RATE_DEFINITIONS: Record<keyof Rates, string> = {
  responseRate: '响应率（及时签收率）= 在签收时限内签收的交办件 ÷ 交办件',
  feedbackRate: '反馈率 = 承办单位已办结反馈的交办件 ÷ 交办件',
  completionRate: '办结率 = 已办结归档的交办件 ÷ 交办件',
  onTimeRate: '按期办结率 = 在办理时限内（含经批准的延期）反馈的交办件 ÷ 交办件',
  satisfactionRate: '满意率 =（满意 + 基本满意）÷ 已回访评价件',
  resolutionRate: '解决率 = 办理结果为“已解决”的交办件 ÷ 已反馈的交办件',
};

/** Definitions of the other figures, for the same note. */
export const FIGURE_DEFINITIONS: string[] = [
  '统计期按来件受理时间（北京时间）计，起止日期均含当日；来件按受理时所在日期归入统计期。',
  '超期（当前）= 已过办理时限仍未反馈的交办件；超期（累计）= 超期反馈的交办件 + 当前超期件。',
  '退单 = 承办单位以“非本单位职责”退回的次数，计入退回单位；退单率 = 退单 ÷（本单位主办件 + 退单）。',
  '办理时长 = 交办至承办单位反馈的时间；P90 为 90% 的交办件在此时长内反馈（按分段直方图估算）。',
  '重复件 = 同一诉求人就同一事项再次来电来信、已并入在办工单的件数；集体访 = 所属事项被标记为集体访（联名）的件数。',
];

function ratio(n: number, d: number): number {
  return d > 0 ? Math.round((n / d) * 10000) / 10000 : 0;
}

export function ratesOf(c: Counts): Rates {
  return {
    responseRate: ratio(c.acknowledgedOnTime, c.dispatched),
    feedbackRate: ratio(c.replied, c.dispatched),
    completionRate: ratio(c.closed, c.dispatched),
    onTimeRate: ratio(c.repliedOnTime, c.dispatched),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.surveyed),
    resolutionRate: ratio(c.resolved, c.replied),
  };
}

/** The 90th percentile of handling time in hours, interpolated within its histogram bucket. */
export function p90Hours(c: Counts): number | null {
  const buckets = HANDLING_BUCKET_HOURS.map((_, i) => c[`h${i}` as CountMeasure]);
  const n = buckets.reduce((a, b) => a + b, 0);
  if (!n) return null;
  const target = 0.9 * n;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    if (seen + buckets[i] >= target && buckets[i] > 0) {
      const lo = i === 0 ? 0 : HANDLING_BUCKET_HOURS[i - 1];
      const hi = HANDLING_BUCKET_HOURS[i];
      if (!Number.isFinite(hi)) return lo;
      return Math.round((lo + ((target - seen) / buckets[i]) * (hi - lo)) * 10) / 10;
    }
    seen += buckets[i];
  }
  return null;
}

export function averageHours(c: Counts): number | null {
  return c.handled ? Math.round((c.handlingSeconds / c.handled / 3600) * 10) / 10 : null;
}

/** Counts plus what is derived from them and what only the live tables know. */
export interface Figures extends Counts {
  /** Dispatched, past the reply deadline and not replied, now. */
  overdueNow: number;
  /** Replied late plus overdue now. */
  overdueEver: number;
  /** 退单率 of a unit: returns / (tickets it leads + returns). */
  returnRate: number;
  averageHandlingHours: number | null;
  p90HandlingHours: number | null;
  rates: Rates;
}

export function figuresOf(c: Counts, overdueNow: number): Figures {
  return {
    ...c,
    overdueNow,
    overdueEver: c.repliedLate + overdueNow,
    returnRate: ratio(c.returns, c.dispatched + c.returns),
    averageHandlingHours: averageHours(c),
    p90HandlingHours: p90Hours(c),
    rates: ratesOf(c),
  };
}

/** 0.9846 -> "98.5%", 1 -> "100%", 0.0499 -> "5%" (one decimal, no trailing .0). */
export function percent(fraction: number): string {
  const s = (Math.round(fraction * 1000) / 10).toFixed(1);
  return `${s.endsWith('.0') ? s.slice(0, -2) : s}%`;
}
