import { SUPERVISION_EVENT_LABELS, SUPERVISION_LEVEL_LABELS, SUPERVISION_LEVELS, SUPERVISION_ORDER_STATUS_LABELS, type SupervisionLevel } from '@hub/domain';

export { SUPERVISION_EVENT_LABELS, SUPERVISION_LEVEL_LABELS, SUPERVISION_LEVELS, SUPERVISION_ORDER_STATUS_LABELS };
export type { SupervisionLevel };

export const ORDER_STATUS_TONES: Record<string, 'danger' | 'warning' | 'success' | 'info'> = {
  open: 'warning',
  answered: 'success',
  reported: 'danger',
  withdrawn: 'info',
};

/** A Beijing date and time of day as the instant the API takes (`2026-03-05` + `17:30`). */
export function beijingInstant(day: string, time: string): string {
  return `${day}T${time}:00+08:00`;
}

/** The Beijing calendar date `days` after now. */
export function beijingDayAfter(days: number, from = Date.now()): string {
  return new Date(from + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Times of day a due time may be set to, every half hour from 08:00 to 23:30. */
export const DUE_TIMES = Array.from({ length: 32 }, (_, i) => `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
