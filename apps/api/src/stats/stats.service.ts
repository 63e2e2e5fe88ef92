import { Inject, Injectable } from '@nestjs/common';
import { cityNamed, HUB_CONFIG, HubConfig, rateSetOf } from '@hub/config';
import { visibleTickets, visibleUnitIds } from '@hub/auth';
import { UnitOfWork, UNITS } from '@hub/database';
import { addDays, businessDate } from '@hub/domain';
import {
  buildSummary,
  rankUnits,
  renderRankingXlsx,
  limitPeriod,
  MAX_API_PERIOD_DAYS,
  FIGURE_DEFINITIONS,
  parsePeriod,
  PeriodError,
  queryStats,
  queryTierStats,
  RATE_DEFINITIONS,
  refreshDailyStats,
  renderSummaryXlsx,
  ReportChannel,
  StatsGroupBy,
  SummaryReport,
} from '@hub/reporting';
import type { SessionUser } from '../auth/auth.decorators';

/** How stale the daily figures may be before a request brings them up to date. */
const REFRESH_EVERY_MS = 30_000;

export const TIMELINESS_GROUP_BY = ['unit', 'category', 'region', 'city'] as const;

/** Statistics for the console: a unit user only ever sees its own units' figures. */
@Injectable()
export class StatsService {
  private lastRefresh = 0;
  private refreshing: Promise<unknown> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** The rates of rates.yaml (or its preset). */
  rateSet() {
    return rateSetOf(this.config.rates);
  }

  /** null: everything; a unit user: its units (none when it has none); a scoped desk: its sub-tree's units. */
  scopeOf(user: SessionUser): number[] | null {
    return visibleUnitIds(user);
  }

  /** `city=` of a statistics query: that city's unit, as a filter (none: province-wide). */
  async cityFilter(name: string | undefined): Promise<number[] | null> {
    if (!name) return null;
    const city = cityNamed(this.config.cities, name);
    const unit = city ? await this.uow.read(UNITS).findActiveByName(city.name) : null;
    if (!unit)
      throw new PeriodError(
        `city must be one of the cities of cities.yaml (${this.config.cities.cities.map((c) => c.name).join(', ') || 'none'}), got ${name}`,
      );
    return [unit.id];
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.lastRefresh < REFRESH_EVERY_MS) return;
    this.refreshing ??= refreshDailyStats(this.uow).finally(() => {
      this.lastRefresh = Date.now();
      this.refreshing = null;
    });
    await this.refreshing;
  }

  /** Defaults: the last 30 days up to today (Beijing time); at most MAX_API_PERIOD_DAYS. */
  period(from?: string, to?: string, now = new Date()) {
    const end = to || businessDate(now);
    // A wrong `to` is named as such (not as the default `from` computed from it).
    if (!from && to) parsePeriod(to, to);
    return limitPeriod(parsePeriod(from || addDays(end, -29), end), MAX_API_PERIOD_DAYS);
  }

  async timeliness(user: SessionUser, q: { from?: string; to?: string; groupBy?: StatsGroupBy; city?: string }) {
    const p = this.period(q.from, q.to);
    const groupBy = q.groupBy ?? 'unit';
    const cityUnitIds = await this.cityFilter(q.city);
    await this.fresh();
    const unitIds = this.scopeOf(user);
    const [grouped, daily] = await Promise.all([
      queryStats(this.uow, { ...p, unitIds, cityUnitIds, groupBy }),
      queryStats(this.uow, { ...p, unitIds, cityUnitIds, groupBy: 'day' }),
    ]);
    const byDay = new Map(daily.groups.map((g) => [g.key, g.figures]));
    const series = [];
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
      const f = byDay.get(d);
      series.push({
        day: d,
        received: f?.received ?? 0,
        dispatched: f?.dispatched ?? 0,
        acknowledgedOnTime: f?.acknowledgedOnTime ?? 0,
        replied: f?.replied ?? 0,
        repliedOnTime: f?.repliedOnTime ?? 0,
        closed: f?.closed ?? 0,
        overdueNow: f?.overdueNow ?? 0,
      });
    }
    return {
      from: p.from,
      to: p.to,
      groupBy,
      scope: unitIds ? { units: unitIds } : null,
      total: grouped.total,
      groups: grouped.groups,
      daily: series,
      definitions: [...Object.values(RATE_DEFINITIONS), ...FIGURE_DEFINITIONS],
    };
  }

  /** 分级统计 of a period: every unit's tree, or a scoped desk's sub-tree, or a unit user's units. */
  async tiers(user: SessionUser, q: { from?: string; to?: string }) {
    const p = this.period(q.from, q.to);
    return queryTierStats(this.uow, { ...p, now: new Date(), scope: visibleTickets(user) });
  }

  async summary(user: SessionUser, q: { from?: string; to?: string; channel?: ReportChannel; source?: string; city?: string }) {
    const p = this.period(q.from, q.to);
    const cityUnitIds = await this.cityFilter(q.city);
    await this.fresh();
    return buildSummary(this.uow, {
      ...p,
      channel: q.channel ?? null,
      source: q.source ?? null,
      unitIds: this.scopeOf(user),
      cityUnitIds,
      refresh: false,
      rateSet: this.rateSet(),
    });
  }

  async summaryXlsx(
    user: SessionUser,
    q: { from?: string; to?: string; channel?: ReportChannel; source?: string; city?: string },
  ): Promise<{ report: SummaryReport; file: Buffer }> {
    const { report, breakdowns } = await this.summary(user, q);
    return { report, file: await renderSummaryXlsx(report, breakdowns) };
  }

  /** 考核排名 of a month or quarter (every unit, or a scoped desk's sub-tree: not for unit users). */
  async ranking(user: SessionUser, q: { period: string }) {
    await this.fresh();
    return rankUnits(this.uow, { period: q.period, rateSet: this.rateSet(), ticketPrefix: this.config.env.ticketPrefix, unitIds: this.scopeOf(user) });
  }

  async rankingXlsx(user: SessionUser, q: { period: string }) {
    const ranking = await this.ranking(user, q);
    return { ranking, file: await renderRankingXlsx(ranking) };
  }
}
