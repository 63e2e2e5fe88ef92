import { FactsFilter, STATS, UnitOfWork } from '@hub/database';
import { emptyFactCounts, FactCounts, RATE_FACTS, RATE_PRESET_SPECS, RateFigure, rateFigures, RateSpec, UNIT_QUALITY_RATES, weightedScore } from '@hub/domain';
import { parsePeriod, periodBounds } from '../period';

/** The configured set of rates of a period (rates.yaml), each with its definition, beside the fixed 三率. */
export interface ConfiguredRates {
  /** Where the set comes from: `preset:53号文`, `preset:beijing` or `rates.yaml`. */
  set: string;
  rates: RateFigure[];
  /** 派单准确率 and 重复件率. */
  quality: RateFigure[];
  /** The weighted 考核 score out of 100 (null when no scored rate has a denominator). */
  score: number | null;
}

export interface RateSet {
  set: string;
  specs: RateSpec[];
}

export const DEFAULT_RATE_SET: RateSet = { set: 'preset:53号文', specs: RATE_PRESET_SPECS['53号文'] };

export function factCountsOf(row: Record<string, unknown> | undefined): FactCounts {
  const c = emptyFactCounts();
  if (row) for (const f of RATE_FACTS) c[f] = Number(row[f] ?? 0) || 0;
  return c;
}

export function configuredRatesOf(c: FactCounts, rs: RateSet): ConfiguredRates {
  const rates = rateFigures(c, rs.specs);
  return { set: rs.set, rates, quality: rateFigures(c, UNIT_QUALITY_RATES), score: weightedScore(rates, rs.specs) };
}

/** The configured rates of the tickets received in [from, to] (Beijing dates) under a filter. */
export async function queryConfiguredRates(
  uow: UnitOfWork,
  q: FactsFilter & { from: string; to: string },
  rs: RateSet = DEFAULT_RATE_SET,
): Promise<ConfiguredRates> {
  const { start, end } = periodBounds(parsePeriod(q.from, q.to));
  const [row] = await uow
    .read(STATS)
    .sumRateFacts(start, end, { channel: q.channel, sourceIds: q.sourceIds, unitIds: q.unitIds, cityUnitIds: q.cityUnitIds }, false);
  return configuredRatesOf(factCountsOf(row), rs);
}
