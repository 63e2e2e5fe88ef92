import { RateMissRow, STATS, UnitOfWork } from '@hub/database';
import { formatTicketNumber, RateFigure, RateFact, STATUS_LABELS, TicketStatus, UNIT_QUALITY_RATES } from '@hub/domain';
import { Period, PeriodError, periodBounds } from '../period';
import { ConfiguredRates, configuredRatesOf, DEFAULT_RATE_SET, factCountsOf, RateSet } from './configured-rates';

/** A ranking period: a month `2025-03` or a quarter `2025-Q1`. */
export function rankingPeriod(period: string): Period & { label: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  const q = /^(\d{4})-Q([1-4])$/i.exec(period);
  if (!m && !q) throw new PeriodError(`period must be a month (2025-03) or a quarter (2025-Q1), got ${period}`);
  const year = Number((m ?? q)![1]);
  const first = m ? Number(m[2]) : (Number(q![2]) - 1) * 3 + 1;
  const last = m ? first : first + 2;
  if (first < 1 || first > 12) throw new PeriodError(`period must be a month (2025-03) or a quarter (2025-Q1), got ${period}`);
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}`, label: m ? `${year}年${first}月` : `${year}年第${q![2]}季度` };
}

/** A ticket behind a low figure. */
export interface LowFigureTicket {
  id: number;
  number: string;
  externalId: string | null;
  subject: string | null;
  receivedAt: Date;
  status: string;
  statusText: string;
}

/** A rate of a unit under the all-units figure, with the tickets behind it (in the denominator, not the numerator). */
export interface LowFigure {
  key: string;
  label: string;
  value: number;
  overall: number;
  tickets: LowFigureTicket[];
}

function lowTicket(r: RateMissRow, prefix: string): LowFigureTicket {
  const receivedAt =
    r.receivedAt instanceof Date
      ? r.receivedAt
      : new Date(`${String(r.receivedAt).replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(String(r.receivedAt)) ? '' : 'Z'}`);
  const id = Number(r.id);
  return {
    id,
    number: formatTicketNumber(prefix, receivedAt, id),
    externalId: r.externalId ?? null,
    subject: r.subject ?? null,
    receivedAt,
    status: r.status,
    statusText: STATUS_LABELS[r.status as TicketStatus] ?? r.status,
  };
}

export interface RankedUnit extends ConfiguredRates {
  /** 1 for the best score; units without a score come last, unranked (null). */
  rank: number | null;
  unitId: number;
  name: string;
  low: LowFigure[];
}

export interface UnitRanking {
  period: string;
  label: string;
  from: string;
  to: string;
  set: string;
  overall: ConfiguredRates;
  units: RankedUnit[];
  /** The definitions of the figures, printed beside them. */
  definitions: string[];
}

/** How many tickets are listed behind one low figure. */
export const LOW_FIGURE_TICKETS = 20;

/**
 * 考核排名: every unit's configured rates and weighted score in a month or quarter, best first.
 * `unitIds` (a scoped desk's sub-tree): only those units, ranked among themselves, and the overall
 * figure theirs (nothing of a unit outside it is summed or shown).
 */
export async function rankUnits(
  uow: UnitOfWork,
  opts: { period: string; rateSet?: RateSet; ticketPrefix?: string; unitIds?: number[] | null },
): Promise<UnitRanking> {
  const rs = opts.rateSet ?? DEFAULT_RATE_SET;
  const p = rankingPeriod(opts.period);
  const { start, end } = periodBounds(p);
  const stats = uow.read(STATS);
  const scope = opts.unitIds ? new Set(opts.unitIds.map(String)) : null;
  const rows = (await stats.sumRateFacts(start, end, {}, true)).filter((r) => !scope || scope.has(String(r.k)));
  const overall = configuredRatesOf(
    factCountsOf(Object.fromEntries(Object.keys(rows[0] ?? {}).map((k) => [k, rows.reduce((a, r) => a + Number(r[k] ?? 0), 0)]))),
    rs,
  );
  const unitRows = rows.filter((r) => String(r.k) !== '0');
  const names = await stats.namesOf(
    'units',
    unitRows.map((r) => String(r.k)),
  );
  const units: RankedUnit[] = [];
  for (const r of unitRows) {
    const unitId = Number(r.k);
    const figures = configuredRatesOf(factCountsOf(r), rs);
    const low: LowFigure[] = [];
    const check = async (f: RateFigure, o: RateFigure | undefined, lowerIsBetter: boolean, spec: { numerator: RateFact[]; denominator: RateFact[] }) => {
      if (!o || f.denominator === 0 || (lowerIsBetter ? f.value <= o.value : f.value >= o.value)) return;
      // Lower is better (重复件率): the tickets behind it are those counted, not those missing.
      const rows = lowerIsBetter
        ? await stats.rateTickets(start, end, unitId, spec.numerator, [], LOW_FIGURE_TICKETS)
        : await stats.rateTickets(start, end, unitId, spec.denominator, spec.numerator, LOW_FIGURE_TICKETS);
      low.push({ key: f.key, label: f.label, value: f.value, overall: o.value, tickets: rows.map((r) => lowTicket(r, opts.ticketPrefix ?? '')) });
    };
    for (const [mine, all, specs] of [
      [figures.rates, overall.rates, rs.specs],
      [figures.quality, overall.quality, UNIT_QUALITY_RATES],
    ] as const) {
      for (const f of mine) {
        const spec = specs.find((x) => x.key === f.key)!;
        await check(
          f,
          all.find((o) => o.key === f.key),
          Boolean(spec.lowerIsBetter),
          spec,
        );
      }
    }
    units.push({ rank: null, unitId, name: names.get(String(unitId)) ?? `#${unitId}`, ...figures, low });
  }
  units.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh'));
  let rank = 0;
  units.forEach((u, i) => {
    if (u.score === null) return;
    rank = i > 0 && units[i - 1].score === u.score ? rank : i + 1;
    u.rank = rank;
  });
  const definitions = [...overall.rates, ...overall.quality].map((f) => f.definition);
  definitions.push('考核得分 = Σ（权重 × 比率）÷ Σ 权重 × 100，只计分母不为 0 的比率；低于全部单位合计值的比率列出其背后的工单（在分母中而不在分子中的件）。');
  return { period: opts.period, label: p.label, from: p.from, to: p.to, set: rs.set, overall, units, definitions };
}
