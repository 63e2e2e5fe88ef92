import { DAILY_STATS, DailyStatsRepository, UnitOfWork } from '@hub/database';
import { addDays, businessDate, monthEnd, startOfBusinessDay } from '@hub/domain';

/** A change this long before a day's build may have committed after it: the day is built again. */
const SAFETY_MARGIN_MS = 30_000;

export interface RefreshResult {
  /** Days rebuilt. */
  days: number;
  /** Whether everything was rebuilt (first run). */
  full: boolean;
  ms: number;
}

/**
 * Rebuilds the daily statistics of the days [fromDay, toDay] from the tickets: per calendar month,
 * the cells of its tickets (found by the receivedAt index), one INSERT…SELECT per breakdown, then
 * the month's rollup. Each month is one transaction, so readers see either the old or the new
 * figures of a day and its month, never half.
 */
export async function rebuildDailyStatsRange(uow: UnitOfWork, fromDay: string, toDay: string, at?: Date): Promise<number> {
  const stats = uow.read(DAILY_STATS);
  const builtAt = at ?? (await stats.databaseNow());
  let days = 0;
  for (let from = fromDay; from <= toDay; from = addDays(monthEnd(from), 1)) {
    const to = monthEnd(from) < toDay ? monthEnd(from) : toDay;
    const period = { start: startOfBusinessDay(from), end: startOfBusinessDay(addDays(to, 1)) };
    await stats.rebuildDays({ from, to, ...period, monthLastDay: monthEnd(from) }, builtAt);
    days += Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000);
  }
  return days;
}

/**
 * Rebuilds all daily statistics in one pass over the tickets (no per-day index lookups). Every
 * row gets `builtAt`, taken before the tickets are read, so a ticket changed during the build is
 * picked up by the next refresh.
 */
async function rebuildAll(stats: DailyStatsRepository, fromDay: string, toDay: string, builtAt: Date): Promise<void> {
  const months = { from: fromDay.slice(0, 7), to: toDay.slice(0, 7), lastDay: monthEnd(`${toDay.slice(0, 7)}-01`) };
  await stats.rebuildAll({ from: fromDay, to: toDay }, months, builtAt);
}

/** Groups sorted days into runs of consecutive days. */
function runs(days: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** Rebuilds everything (or a range of days): a nightly job, or after a large import. */
export async function rebuildDailyStats(uow: UnitOfWork, range: { from?: string; to?: string } = {}, builtAt?: Date): Promise<RefreshResult> {
  const t0 = Date.now();
  const stats = uow.read(DAILY_STATS);
  const { first: lo, last: hi } = await stats.receivedRange();
  if (!lo || !hi) {
    if (!range.from && !range.to) await stats.deleteAll();
    return { days: 0, full: true, ms: Date.now() - t0 };
  }
  const from = range.from ?? businessDate(lo);
  const to = range.to ?? businessDate(hi);
  const at = builtAt ?? (await stats.databaseNow());
  if (range.from || range.to) return { days: await rebuildDailyStatsRange(uow, from, to, at), full: false, ms: Date.now() - t0 };
  await rebuildAll(stats, from, to, at);
  const days = Math.round((startOfBusinessDay(addDays(to, 1)).getTime() - startOfBusinessDay(from).getTime()) / 86_400_000);
  return { days, full: true, ms: Date.now() - t0 };
}

/**
 * Brings the daily statistics up to date: rebuilds the days whose tickets changed after the day
 * was last built (by tickets.updatedAt), or everything on the first run. Cheap when little
 * changed, so reports call it before reading and the worker may call it every few minutes. Times
 * are the database's clock, the one updatedAt is written with. Two refreshes at once are
 * harmless: the loser's duplicate insert fails and the winner's figures stand.
 */
export async function refreshDailyStats(uow: UnitOfWork): Promise<RefreshResult> {
  const t0 = Date.now();
  const stats = uow.read(DAILY_STATS);
  const now = await stats.databaseNow();
  const watermark = await stats.watermark();
  if (!watermark) {
    const r = await rebuildDailyStats(uow, {}, now);
    return { ...r, ms: Date.now() - t0 };
  }
  const changed = await stats.changedDaysSince(new Date(watermark.getTime() - SAFETY_MARGIN_MS));
  const built = await stats.builtAtOfDays(changed.map((c) => c.day));
  // A day built after its last change (plus the margin for late commits) is up to date.
  const dirty = changed
    .filter((c) => {
      const b = built.get(c.day);
      const u = c.updatedAt;
      return !b || !u || u.getTime() > b.getTime() - SAFETY_MARGIN_MS;
    })
    .map((c) => c.day)
    .sort();
  let rebuilt = 0;
  for (const [from, to] of runs(dirty)) {
    try {
      rebuilt += await rebuildDailyStatsRange(uow, from, to, now);
    } catch (e) {
      if (!/duplicate|unique/i.test((e as Error).message)) throw e;
    }
  }
  return { days: rebuilt, full: false, ms: Date.now() - t0 };
}
