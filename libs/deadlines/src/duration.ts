/**
 * A time limit as policies.yaml writes it: `30m`, `2h` (calendar time), `5wd` (working days),
 * `15d` (calendar days); `none` is no limit.
 */
export type Duration =
  { unit: 'minutes'; amount: number } | { unit: 'hours'; amount: number } | { unit: 'working_days'; amount: number } | { unit: 'days'; amount: number };

/**
 * How a deadline's clock runs: `calendar` (wall time: hour limits and calendar days) or `working`
 * (only time on working days: working-day limits). Pauses and the reminder ladder measure in it.
 */
export type ClockBasis = 'calendar' | 'working';

const UNITS = { m: 'minutes', h: 'hours', wd: 'working_days', d: 'days' } as const;

/** Parses `30m`, `2h`, `5wd`, `15d`; `none` gives null. Throws on anything else. */
export function parseDuration(text: string): Duration | null {
  if (text === 'none') return null;
  const m = /^(\d{1,4})(m|h|wd|d)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${JSON.stringify(text)} (use 30m, 2h, 5wd, 15d or none)`);
  return { unit: UNITS[m[2] as keyof typeof UNITS], amount: Number(m[1]) };
}

export function formatDuration(d: Duration | null): string {
  if (!d) return 'none';
  const suffix = { minutes: 'm', hours: 'h', working_days: 'wd', days: 'd' }[d.unit];
  return `${d.amount}${suffix}`;
}

/** 工作日 / 自然日 wording for operators. */
export function describeDuration(d: Duration | null): string {
  if (!d) return '不限';
  return { minutes: `${d.amount}分钟`, hours: `${d.amount}小时`, working_days: `${d.amount}个工作日`, days: `${d.amount}日` }[d.unit];
}

export function basisOf(d: Duration): ClockBasis {
  return d.unit === 'working_days' ? 'working' : 'calendar';
}

/**
 * What a deadline row stores as `basis`: its clock, and for a wall-clock limit whether it was
 * counted in minutes or hours (`hours`: urgent limits, escalated sooner) or in calendar days.
 */
export type StoredBasis = ClockBasis | 'hours';

export function storedBasisOf(d: Duration): StoredBasis {
  return d.unit === 'minutes' || d.unit === 'hours' ? 'hours' : basisOf(d);
}

/** The clock of a stored basis (`hours` runs on wall time like `calendar`). */
export function clockOf(stored: string | null | undefined): ClockBasis {
  return stored === 'working' ? 'working' : 'calendar';
}

export function durationMs(d: Duration): number | null {
  if (d.unit === 'minutes') return d.amount * 60_000;
  if (d.unit === 'hours') return d.amount * 3_600_000;
  return null;
}
