/**
 * Normalises the timeliness statistics answer. The route is built by another part of the hub;
 * the console reads the documented fields (rates as fractions, rows per group, a daily series)
 * and tolerates neighbouring spellings so a small shape change does not blank the dashboard.
 */
import { RATE_KEYS, RATE_LABELS, type RateKey } from '@hub/domain';

export { RATE_KEYS, RATE_LABELS, type RateKey };
export const TOTAL_LABELS: Record<string, string> = {
  received: '受理', total: '总量', directAnswer: '直接答复', serviceProvided: '提供服务', dispatched: '交办', pending: '在办',
  acknowledgedOnTime: '按时签收', replied: '已反馈', repliedOnTime: '按期反馈', closed: '办结', overdue: '超期', overdueNow: '当前超期',
  returns: '退单', extensions: '延期', surveyed: '已回访', resolved: '已解决', reopened: '重办',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface StatRow { name: string; rates: Partial<Record<RateKey, number | null>>; counts: Record<string, number> }
export interface Stats { rates: Partial<Record<RateKey, number | null>>; totals: Record<string, number>; rows: StatRow[]; daily: Array<{ date: string; values: Record<string, number> }> }

function ratesOf(o: Obj | undefined): Partial<Record<RateKey, number | null>> {
  const src = isObj(o?.rates) ? (o!.rates as Obj) : o ?? {};
  return Object.fromEntries(RATE_KEYS.map((k) => [k, num(src[k])]));
}
function countsOf(o: Obj | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const src = isObj(o?.counts) ? { ...(o!.counts as Obj) } : { ...(o ?? {}) };
  if (isObj(o?.totals)) Object.assign(src, o!.totals as Obj);
  for (const [k, v] of Object.entries(src)) if (!(RATE_KEYS as readonly string[]).includes(k) && num(v) !== null) out[k] = v as number;
  return out;
}

/** The count each rate divides by: with none of it in the period the rate is not 0% but has no value. */
export const DENOMINATORS: Record<RateKey, 'dispatched' | 'surveyed' | 'replied'> = {
  responseRate: 'dispatched', feedbackRate: 'dispatched', completionRate: 'dispatched', onTimeRate: 'dispatched',
  satisfactionRate: 'surveyed', resolutionRate: 'replied',
};
function withoutEmpty(rates: Partial<Record<RateKey, number | null>>, counts: Record<string, number>): Partial<Record<RateKey, number | null>> {
  return Object.fromEntries(RATE_KEYS.map((k) => [k, counts[DENOMINATORS[k]] === 0 ? null : rates[k] ?? null]));
}

export function normaliseStats(raw: unknown): Stats {
  const d = isObj(raw) ? raw : {};
  const totalsObj = isObj(d.totals) ? (d.totals as Obj) : isObj(d.total) ? (d.total as Obj) : undefined;
  const totals = countsOf(totalsObj ?? d);
  const rates = withoutEmpty(isObj(d.rates) ? ratesOf(d) : ratesOf(totalsObj), totals);
  const rowList = (Array.isArray(d.rows) ? d.rows : Array.isArray(d.groups) ? d.groups : Array.isArray(d.byGroup) ? d.byGroup : []) as unknown[];
  const rows = rowList.filter(isObj).map((r) => {
    const f = isObj(r.figures) ? (r.figures as Obj) : r;
    const counts = countsOf(f);
    return { name: String(r.name ?? r.label ?? r.key ?? r.group ?? r.unit ?? r.category ?? r.region ?? '未知'), rates: withoutEmpty(ratesOf(f), counts), counts };
  });
  const series = (Array.isArray(d.daily) ? d.daily : Array.isArray(d.series) ? d.series : Array.isArray(d.days) ? d.days : []) as unknown[];
  const daily = series.filter(isObj).map((p) => ({ date: String(p.date ?? p.day ?? p.at ?? ''), values: countsOf(isObj(p.figures) ? (p.figures as Obj) : p) }));
  return { rates, totals, rows, daily };
}
