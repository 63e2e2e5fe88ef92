/** The console's inbox: its views and filters, turned into the repository's filter for one user (no I/O). */
import type { InboxView, TicketInboxFilter, TicketSort } from '@hub/database';
import { lookupKeys, queryWords, type TicketScope, WITH_UNIT_STATUSES } from '@hub/domain';
import { visibleTickets } from '@hub/auth';
import type { SessionUser } from '../auth/auth.decorators';

export const TICKET_VIEWS = ['triage', 'pending_ack', 'in_progress', 'due_soon', 'overdue', 'returned', 'all'] as const;

export interface TicketListQuery {
  status?: string;
  unit?: number;
  category?: string;
  region?: string;
  source?: string;
  overdue?: boolean;
  /** Received at or after this instant. */
  from?: Date;
  /** Received before this instant. */
  to?: Date;
  q?: string;
  sort?: TicketSort;
  view?: (typeof TICKET_VIEWS)[number];
  page?: number;
  pageSize?: number;
}

const DUE_SOON_MS = 24 * 3600_000;

/** The tickets a user sees: a unit user's units', a scoped desk's sub-tree's; null for an unscoped desk (every ticket). */
export function scopeOf(user: SessionUser): TicketScope | null {
  return visibleTickets(user);
}

/** The list's filter: the user's scope, the inbox view and the filters (the search keys read numbers with any prefix the installation issues). */
export function inboxFilter(user: SessionUser, q: TicketListQuery, now: Date, ticketPrefix: string | readonly string[]): TicketInboxFilter {
  const unitIds = user.role === 'unit' ? (q.unit && user.unitIds.includes(q.unit) ? [q.unit] : user.unitIds) : q.unit ? [q.unit] : null;
  const unitUser = user.role === 'unit';
  let view: InboxView | undefined;
  switch (q.view) {
    case 'triage':
      view = { kind: 'statuses', statuses: ['received', 'accepted', 'returned'] };
      break;
    // A unit's inbox follows its own assignment: an assisting unit (协办) has a 签收 of its own to
    // do after the lead unit has signed and the ticket is 办理中, and is 办理中 only once it signed.
    case 'pending_ack':
      view = { kind: 'active_assignment', statuses: unitUser ? [...WITH_UNIT_STATUSES] : ['dispatched', 'reopened'], step: 'unacknowledged', unitIds };
      break;
    case 'in_progress':
      view = unitUser
        ? { kind: 'active_assignment', statuses: [...WITH_UNIT_STATUSES], step: 'in_hand', unitIds }
        : { kind: 'active_assignment', statuses: ['acknowledged', 'extension_requested'], unitIds };
      break;
    case 'due_soon':
      view = { kind: 'due_soon', until: new Date(now.getTime() + DUE_SOON_MS), unitIds };
      break;
    case 'overdue':
      view = { kind: 'overdue', unitIds };
      break;
    case 'returned':
      view = { kind: 'returned', unitIds };
      break;
    default:
      if (unitIds && q.unit) view = { kind: 'given_to', unitIds };
  }
  return {
    scope: scopeOf(user),
    view,
    statuses: q.status ? q.status.split(',').map((s) => s.trim()) : undefined,
    category: q.category,
    region: q.region,
    source: q.source,
    overdue: q.overdue,
    from: q.from,
    to: q.to,
    search: q.q ? { keys: lookupKeys(ticketPrefix, q.q), words: queryWords(q.q), personal: user.role !== 'unit' } : undefined,
    sort: q.sort,
    now,
  };
}
