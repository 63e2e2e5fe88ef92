import { STATS, UnitOfWork } from '@hub/database';
import { CHANNELS, type Channel } from '@hub/domain';
import { FIGURE_DEFINITIONS, Figures, RATE_DEFINITIONS, Rates } from './figures';
import { parsePeriod, PeriodError, previousYear } from './period';
import { queryStats, StatsGroup, StatsQuery } from './stats-query';
import { refreshDailyStats } from './daily-stats';
import { ConfiguredRates, DEFAULT_RATE_SET, queryConfiguredRates, RateSet } from './rates/configured-rates';

export const REPORT_CHANNELS = CHANNELS;
export type ReportChannel = Channel;

export interface SummaryOptions {
  from: string;
  to: string;
  channel?: ReportChannel | null;
  /** A source (line or mailbox) by name. */
  source?: string | null;
  /** A unit user's units: the report covers only them. */
  unitIds?: number[] | null;
  /** Cities (their units; 0 the installation's own desk): the report covers only their tickets. */
  cityUnitIds?: number[] | null;
  now?: Date;
  /** Bring the daily statistics up to date first (default true). */
  refresh?: boolean;
  mode?: 'daily' | 'raw';
  /** The configured rates (rates.yaml); default the 53号文 preset. */
  rateSet?: RateSet;
}

/** One channel's block, for the paragraph per channel. */
export interface ChannelSummary {
  received: number;
  previous: number;
  change: number | null;
  bySource: Record<string, number>;
  dispositions: SummaryReport['dispositions'];
  dispatched: SummaryReport['dispatched'];
  rates: Rates;
}

/** The work-summary figures: INTERFACES.md `hub report summary --format json`, plus a few more. */
export interface SummaryReport {
  from: string;
  to: string;
  received: { total: number; byChannel: Record<ReportChannel, number>; bySource: Record<string, number> };
  dispositions: { directAnswer: number; serviceProvided: number; dispatched: number; invalid: number; merged: number };
  dispatched: { total: number; acknowledgedOnTime: number; replied: number; repliedOnTime: number; closed: number; overdue: number };
  rates: Rates;
  previousPeriod: { from: string; to: string; total: number; change: number | null };
  topCategories: Array<{ category: string; count: number }>;
  repeats: number;
  collective: number;
  // Beyond the INTERFACES.md shape:
  filter: { channel: string | null; source: string | null; units: number[] | null };
  topRegions: Array<{ region: string; count: number }>;
  timeliness: {
    acknowledged: number;
    repliedLate: number;
    overdueEver: number;
    returns: number;
    extended: number;
    extensions: number;
    reopened: number;
    surveyed: number;
    resolved: number;
    averageHandlingHours: number | null;
    p90HandlingHours: number | null;
  };
  byChannel: Partial<Record<ReportChannel, ChannelSummary>>;
  definitions: string[];
  /** The rates as rates.yaml defines them, each with its definition, and 派单准确率 / 重复件率. */
  configuredRates: ConfiguredRates;
}

export interface SummaryBreakdowns {
  units: StatsGroup[];
  categories: StatsGroup[];
  regions: StatsGroup[];
  sources: StatsGroup[];
}

function change(cur: number, prev: number): number | null {
  return prev > 0 ? Math.round(((cur - prev) / prev) * 10000) / 10000 : null;
}

function dispositionsOf(f: Figures): SummaryReport['dispositions'] {
  return { directAnswer: f.directAnswer, serviceProvided: f.serviceProvided, dispatched: f.dispatched, invalid: f.invalid, merged: f.merged };
}

function dispatchedOf(f: Figures): SummaryReport['dispatched'] {
  return {
    total: f.dispatched,
    acknowledgedOnTime: f.acknowledgedOnTime,
    replied: f.replied,
    repliedOnTime: f.repliedOnTime,
    closed: f.closed,
    overdue: f.overdueNow,
  };
}

const TOP_N = 10;

/** Computes the work-summary figures of a period and their breakdowns (for xlsx). */
export async function buildSummary(uow: UnitOfWork, opts: SummaryOptions): Promise<{ report: SummaryReport; breakdowns: SummaryBreakdowns }> {
  const period = parsePeriod(opts.from, opts.to);
  if (opts.channel && !REPORT_CHANNELS.includes(opts.channel)) throw new PeriodError(`channel must be one of ${REPORT_CHANNELS.join(', ')}`);
  const stats = uow.read(STATS);
  let sourceIds: number[] | null = null;
  if (opts.source) {
    const ids = await stats.sourceIdsNamed(opts.source);
    if (!ids.length) throw new PeriodError(`unknown source ${opts.source}; known: ${(await stats.sourceNames()).join(', ') || 'none'}`);
    sourceIds = ids;
  }
  if (opts.refresh !== false && opts.mode !== 'raw') await refreshDailyStats(uow);
  const base: StatsQuery = {
    ...period,
    channel: opts.channel ?? null,
    sourceIds,
    unitIds: opts.unitIds ?? null,
    cityUnitIds: opts.cityUnitIds ?? null,
    now: opts.now,
    mode: opts.mode,
  };
  const prev = previousYear(period);
  const [total, byChannel, bySource, byCategory, byRegion, byUnit, prevByChannel, configuredRates] = await Promise.all([
    queryStats(uow, base),
    queryStats(uow, { ...base, groupBy: 'channel' }),
    queryStats(uow, { ...base, groupBy: 'source' }),
    queryStats(uow, { ...base, groupBy: 'category' }),
    queryStats(uow, { ...base, groupBy: 'region' }),
    queryStats(uow, { ...base, groupBy: 'unit' }),
    queryStats(uow, { ...base, ...prev, groupBy: 'channel' }),
    queryConfiguredRates(uow, base, opts.rateSet ?? DEFAULT_RATE_SET),
  ]);
  const f = total.total;
  const prevTotal = prevByChannel.total.received;
  const sourceChannel = new Map<string, string>();
  for (const s of await stats.sourceChannels()) sourceChannel.set(s.name, s.channel);

  const channels: Partial<Record<ReportChannel, ChannelSummary>> = {};
  for (const g of byChannel.groups) {
    const ch = g.key as ReportChannel;
    const previous = prevByChannel.groups.find((p) => p.key === g.key)?.figures.received ?? 0;
    channels[ch] = {
      received: g.figures.received,
      previous,
      change: change(g.figures.received, previous),
      bySource: Object.fromEntries(
        bySource.groups.filter((s) => (sourceChannel.get(s.name) ?? ch) === ch && s.figures.received > 0).map((s) => [s.name, s.figures.received]),
      ),
      dispositions: dispositionsOf(g.figures),
      dispatched: dispatchedOf(g.figures),
      rates: g.figures.rates,
    };
  }
  const report: SummaryReport = {
    from: period.from,
    to: period.to,
    received: {
      total: f.received,
      byChannel: Object.fromEntries(REPORT_CHANNELS.map((c) => [c, byChannel.groups.find((g) => g.key === c)?.figures.received ?? 0])) as Record<
        ReportChannel,
        number
      >,
      bySource: Object.fromEntries(bySource.groups.filter((s) => s.figures.received > 0).map((s) => [s.name, s.figures.received])),
    },
    dispositions: dispositionsOf(f),
    dispatched: dispatchedOf(f),
    rates: f.rates,
    previousPeriod: { ...prev, total: prevTotal, change: change(f.received, prevTotal) },
    topCategories: byCategory.groups
      .filter((g) => g.key && g.figures.received > 0)
      .slice(0, TOP_N)
      .map((g) => ({ category: g.key, count: g.figures.received })),
    repeats: f.merged,
    collective: f.collective,
    filter: { channel: opts.channel ?? null, source: opts.source ?? null, units: opts.unitIds ?? null },
    topRegions: byRegion.groups
      .filter((g) => g.key && g.figures.received > 0)
      .slice(0, TOP_N)
      .map((g) => ({ region: g.key, count: g.figures.received })),
    timeliness: {
      acknowledged: f.acknowledged,
      repliedLate: f.repliedLate,
      overdueEver: f.overdueEver,
      returns: f.returns,
      extended: f.extended,
      extensions: f.extensions,
      reopened: f.reopened,
      surveyed: f.surveyed,
      resolved: f.resolved,
      averageHandlingHours: f.averageHandlingHours,
      p90HandlingHours: f.p90HandlingHours,
    },
    byChannel: channels,
    definitions: [...Object.values(RATE_DEFINITIONS), ...FIGURE_DEFINITIONS],
    configuredRates,
  };
  return { report, breakdowns: { units: byUnit.groups, categories: byCategory.groups, regions: byRegion.groups, sources: bySource.groups } };
}
