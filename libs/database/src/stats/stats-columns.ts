/**
 * The shape of stats_daily (libs/reporting sums it into its figures): the additive counts kept per
 * day and month, the handling-time buckets, and the breakdowns (`dim`) rows are kept by.
 */

/** Additive counts kept per day in stats_daily (same names as its columns). */
export const COUNT_MEASURES = [
  'received',
  'directAnswer',
  'serviceProvided',
  'dispatched',
  'invalid',
  'merged',
  'pending',
  'acknowledged',
  'acknowledgedOnTime',
  'replied',
  'repliedOnTime',
  'repliedLate',
  'closed',
  'resolved',
  'surveyed',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'extended',
  'extensions',
  'reopened',
  'returns',
  'collective',
  'handled',
  'handlingSeconds',
  'h0',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'h7',
  'h8',
  'h9',
  'h10',
  'h11',
] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

/** Upper bounds (hours, exclusive) of the handling-time histogram buckets h0..h11. */
export const HANDLING_BUCKET_HOURS = [1, 4, 8, 24, 48, 72, 120, 168, 240, 360, 720, Infinity] as const;

/** The finest grain the daily breakdowns are summed from, as columns of a cells table. */
export const CELL_KEYS = ['statDay', 'channel', 'sourceId', 'unitId', 'category', 'region'] as const;

/** The breakdowns kept per day: all, or by unit, category, region, unit and category, unit and region. */
export const DAILY_DIMS = ['all', 'unit', 'category', 'region', 'unit_category', 'unit_region'] as const;
export type DailyDim = (typeof DAILY_DIMS)[number];

/**
 * The same breakdowns summed per calendar month (statDay 'YYYY-MM'), kept in stats_daily beside
 * the days: a year of statistics sums twelve months instead of 365 days.
 */
export const MONTHLY_DIMS: Record<DailyDim, string> = {
  all: 'month_all',
  unit: 'month_unit',
  category: 'month_category',
  region: 'month_region',
  unit_category: 'month_unit_cat',
  unit_region: 'month_unit_reg',
};

/** What a statistics query may be broken down by (`city`: cities.yaml's cities, 0 the installation's own desk). */
export const STATS_GROUP_BY = ['unit', 'category', 'region', 'source', 'channel', 'day', 'city'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];
