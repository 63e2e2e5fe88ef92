import { formatBusinessDue, formatBusinessTime } from '@hub/domain';

/** Dates are shown in Beijing time whatever the browser's zone, as YYYY-MM-DD HH:mm. */
export function formatTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return '—';
  return formatBusinessTime(d);
}

/** A time limit: one that ends at midnight is written as 24:00 of its day (`2026-12-11 24:00`), as the mails write it. */
export function formatDue(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return '—';
  return formatBusinessDue(d);
}

/** "3天5小时", "3小时20分", "12分" — the two largest units. */
export function humanDuration(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60000));
  const days = Math.floor(min / 1440);
  const hours = Math.floor((min % 1440) / 60);
  const mins = min % 60;
  if (days > 0) return hours ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins ? `${hours}小时${mins}分` : `${hours}小时`;
  return `${mins}分`;
}

export type Tone = 'danger' | 'warning' | 'success' | 'info';

/** A deadline as a countdown: red once overdue, yellow within 24 hours, green otherwise. */
export function countdown(dueAt: string | Date | null | undefined, opts: { paused?: boolean; now?: number } = {}): { text: string; tone: Tone } {
  if (!dueAt) return { text: '—', tone: 'info' };
  const left = new Date(dueAt).getTime() - (opts.now ?? Date.now());
  if (opts.paused) return { text: `已暂停（剩余 ${humanDuration(Math.max(left, 0))}）`, tone: 'info' };
  if (left < 0) return { text: `已超期 ${humanDuration(-left)}`, tone: 'danger' };
  return { text: `剩余 ${humanDuration(left)}`, tone: left <= 24 * 3600_000 ? 'warning' : 'success' };
}

export function percent(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—';
}
