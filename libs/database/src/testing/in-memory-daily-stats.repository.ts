import type { DailyStatsRepository, StatsDays, StatsMonths } from '../repositories/daily-stats.repository';

/**
 * The pre-aggregation's bookkeeping without its sums: what was rebuilt and when, and which days'
 * tickets "changed" (set `changed` in a spec). The figures themselves are proven on real databases.
 */
export class InMemoryDailyStatsRepository implements DailyStatsRepository {
  now = new Date('2025-01-01T00:00:00Z');
  first: Date | null = null;
  last: Date | null = null;
  built = new Map<string, Date>();
  changed: Array<{ day: string; updatedAt: Date | null }> = [];
  readonly rebuilds: Array<{ from: string; to: string; all: boolean }> = [];

  async databaseNow(): Promise<Date> {
    return this.now;
  }
  async receivedRange() {
    return { first: this.first, last: this.last };
  }
  async deleteAll(): Promise<void> {
    this.built.clear();
  }
  async watermark(): Promise<Date | null> {
    return this.rebuilds.length ? this.now : null;
  }
  async changedDaysSince(since: Date) {
    return this.changed.filter((c) => !c.updatedAt || c.updatedAt >= since);
  }
  async builtAtOfDays(days: string[]): Promise<Map<string, Date>> {
    return new Map([...this.built].filter(([d]) => days.includes(d)));
  }
  async rebuildDays(days: StatsDays, builtAt: Date): Promise<void> {
    this.rebuilds.push({ from: days.from, to: days.to, all: false });
    for (let t = Date.parse(`${days.from}T00:00:00Z`); t <= Date.parse(`${days.to}T00:00:00Z`); t += 86_400_000)
      this.built.set(new Date(t).toISOString().slice(0, 10), builtAt);
  }
  async rebuildAll(days: { from: string; to: string }, _months: StatsMonths, builtAt: Date): Promise<void> {
    this.rebuilds.push({ ...days, all: true });
    await this.rebuildDays({ ...days, start: new Date(0), end: new Date(0), monthLastDay: days.to }, builtAt);
    this.rebuilds.pop();
  }
}
