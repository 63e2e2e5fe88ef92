import type { TicketStatus } from './ticket-status';

/** 转交地市 as the timeline names it. */
export const CITY_EVENT_LABELS = { handed_to_city: '转交地市' } as const;

/** The states in which a desk holds a ticket in its 待分拨 (nothing is with a unit). */
const HELD_BY_DESK: readonly TicketStatus[] = ['received', 'accepted', 'returned'];

/**
 * Why the province desk may not hand this ticket to a city, or null when it may: only a ticket the
 * installation's own desk holds in triage moves (one already a city's stays with that city, and one
 * with a unit or finished is not the desk's to give away).
 */
export function mayHandToCity(t: { status: TicketStatus; cityUnitId: number | null }): string | null {
  if (t.cityUnitId !== null) return '该工单已属于地市，不能再转交';
  if (!HELD_BY_DESK.includes(t.status)) return '只有待分拨的工单可以转交地市（已派单、已办结或已并单的不能转交）';
  return null;
}
