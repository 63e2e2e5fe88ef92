import type { TicketInboxFilter } from './ticket-inbox.repository';
import { ticketScopeIdsSql } from './ticket-scope.sql';

/**
 * A scoped list narrowed by statuses at most (its triage view, say): the ids of its tickets as
 * ticketScopeIdsSql reads them, one index range per branch. Null for any other filter (and
 * unscoped), which the list's own query counts.
 */
export function scopedListIds(f: TicketInboxFilter): { sql: string; params: Record<string, unknown> } | null {
  const statusesOnly = !(f.category || f.region || f.source || f.overdue || f.from || f.to || f.search) && (!f.view || f.view.kind === 'statuses');
  if (f.scope === null || !statusesOnly) return null;
  const viewed = f.view?.kind === 'statuses' ? f.view.statuses : null;
  const statuses = viewed && f.statuses ? viewed.filter((s) => f.statuses!.includes(s)) : (viewed ?? f.statuses ?? null);
  return ticketScopeIdsSql(f.scope, statuses);
}
