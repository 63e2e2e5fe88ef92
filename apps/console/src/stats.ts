/**
 * Reads the timeliness statistics answer (GET /api/stats/timeliness, typed from the API's OpenAPI
 * document) into what the dashboard draws: rates as fractions, rows per group, a daily series.
 */
import { RATE_KEYS, RATE_LABELS, type RateKey } from '@hub/domain';
import type { Schemas } from './types';

export { RATE_KEYS, RATE_LABELS, type RateKey };
export const TOTAL_LABELS: Record<string, string> = {
  received: '受理',
  total: '总量',
  directAnswer: '直接答复',
  serviceProvided: '提供服务',
  dispatched: '交办',
  pending: '在办',
  acknowledgedOnTime: '按时签收',
  replied: '已反馈',
  repliedOnTime: '按期反馈',
  closed: '办结',
  overdue: '超期',
  overdueNow: '当前超期',
  returns: '退单',
  extensions: '延期',
  surveyed: '已回访',
  resolved: '已解决',
  reopened: '重办',
};

export interface StatRow {
  name: string;
  rates: Partial<Record<RateKey, number | null>>;
  counts: Record<string, number>;
}
export interface Stats {
  rates: Partial<Record<RateKey, number | null>>;
  totals: Record<string, number>;
  rows: StatRow[];
  daily: Array<{ date: string; values: Record<string, number> }>;
}

/** The figures that are counts (every number but the nested rates; a null average is left out). */
function countsOf(figures: object): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}

/** The count each rate divides by: with none of it in the period the rate is not 0% but has no value. */
export const DENOMINATORS: Record<RateKey, 'dispatched' | 'surveyed' | 'replied'> = {
  responseRate: 'dispatched',
  feedbackRate: 'dispatched',
  completionRate: 'dispatched',
  onTimeRate: 'dispatched',
  satisfactionRate: 'surveyed',
  resolutionRate: 'replied',
};
function withoutEmpty(rates: Partial<Record<RateKey, number | null>>, counts: Record<string, number>): Partial<Record<RateKey, number | null>> {
  return Object.fromEntries(RATE_KEYS.map((k) => [k, counts[DENOMINATORS[k]] === 0 ? null : (rates[k] ?? null)]));
}

export function normaliseStats(d: Schemas['Timeliness']): Stats {
  const totals = countsOf(d.total);
  const rows = d.groups.map((g) => {
    const counts = countsOf(g.figures);
    return { name: g.name, rates: withoutEmpty(g.figures.rates, counts), counts };
  });
  const daily = d.daily.map(({ day, ...values }) => ({ date: day, values: countsOf(values) }));
  return { rates: withoutEmpty(d.total.rates, totals), totals, rows, daily };
}
