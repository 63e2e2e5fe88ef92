import { percent } from './format';
import { DISPOSITION_LABELS } from '@hub/domain';
import { CHANNEL_LABELS, label } from './labels';
import { DENOMINATORS, RATE_KEYS, RATE_LABELS } from './stats';
import type { Schemas } from './types';

/** The work-summary answer (GET /api/reports/summary?format=json), typed from the API's OpenAPI document. */
export type Summary = Schemas['WorkSummary'];

export interface Figure {
  label: string;
  value: string;
  hint?: string;
}

const n = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '—');

/**
 * The figures a petition office copies into its 工作总结, in the order it writes them: received by
 * channel and by line or mailbox, dispositions, the rates (— where nothing was there to count, not
 * 0%), the change on the same period last year, repeats and collective items.
 */
export function summaryFigures(s: Summary): Figure[] {
  const out: Figure[] = [{ label: '受理总量', value: n(s.received?.total) }];
  for (const [k, v] of Object.entries(s.received?.byChannel ?? {})) out.push({ label: label(CHANNEL_LABELS, k), value: n(v) });
  for (const [k, v] of Object.entries(s.received?.bySource ?? {})) out.push({ label: k, value: n(v) });
  const d = s.dispositions ?? {};
  out.push(
    { label: DISPOSITION_LABELS.direct_answer, value: n(d.directAnswer) },
    { label: DISPOSITION_LABELS.service_provided, value: n(d.serviceProvided) },
    { label: DISPOSITION_LABELS.dispatched, value: n(d.dispatched) },
  );
  out.push({ label: '其中办结', value: n(s.dispatched?.closed) }, { label: DISPOSITION_LABELS.invalid, value: n(d.invalid) });
  // A rate whose denominator is empty in the period has no value: "满意率 0%" with no 回访 misleads.
  const counts = { dispatched: s.dispatched?.total, surveyed: s.timeliness?.surveyed, replied: s.dispatched?.replied };
  for (const k of RATE_KEYS) {
    const empty = counts[DENOMINATORS[k]] === 0;
    out.push({ label: RATE_LABELS[k], value: empty ? '—' : percent(s.rates?.[k]), hint: empty ? '统计期内没有可计算的件' : undefined });
  }
  const prev = s.previousPeriod;
  if (prev) {
    const change = typeof prev.change === 'number' ? `${prev.change >= 0 ? '+' : ''}${percent(prev.change)}` : '—';
    out.push({ label: '同比变化', value: change, hint: typeof prev.total === 'number' ? `上年同期 ${prev.total} 件` : undefined });
  }
  out.push({ label: '重复件', value: n(s.repeats) }, { label: '集体访', value: n(s.collective) });
  return out;
}
