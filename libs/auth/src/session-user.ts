import { createHash } from 'crypto';
import { UNITS, type UnitOfWork, type UserRecord } from '@hub/database';
import { ticketScopeOf, type TicketScope } from '@hub/domain';
import type { Role } from './roles';

/** Who is logged in, as the API and console see them. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitIds: number[];
  units: Array<{ id: number; name: string }>;
  /** The password was set by an administrator (or at creation): every route but changing it is refused until it is changed. */
  mustChangePassword: boolean;
  /** An operator's, supervisor's or leader's scope: the unit whose sub-tree it works (null: the whole installation). */
  scopeUnitId: number | null;
  /** That sub-tree resolved (units and the regions they serve); null when unscoped. Not sent to the console. */
  scope: TicketScope | null;
}

/** Roles a scope applies to (a unit user is limited by its units; an administrator is never scoped). */
export const SCOPABLE_ROLES: readonly Role[] = ['operator', 'supervisor', 'leader'];

export function toSessionUser(user: UserRecord, scope: TicketScope | null = null): SessionUser {
  const units = (user.units ?? []).map((u) => ({ id: u.id, name: u.name }));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    unitIds: units.map((u) => u.id),
    units,
    mustChangePassword: Boolean(user.mustChangePassword),
    scopeUnitId: user.scopeUnitId ?? null,
    scope,
  };
}

/** The session user with its scope's sub-tree read from the units table (a scoped user only). */
export async function loadSessionUser(uow: UnitOfWork, user: UserRecord): Promise<SessionUser> {
  const scoped = user.scopeUnitId != null && SCOPABLE_ROLES.includes(user.role as Role);
  if (!scoped) return toSessionUser({ ...user, scopeUnitId: null });
  const units = await uow.read(UNITS).listAll();
  return toSessionUser(user, ticketScopeOf(units, user.scopeUnitId as number));
}

/**
 * The one answer to "which tickets may this user see" (issue #21): a unit user's units (tickets
 * given to them or held on their desk), a scoped user's sub-tree, or null (every ticket).
 */
export function visibleTickets(user: SessionUser): TicketScope | null {
  if (user.role === 'unit') return { rootUnitId: user.unitIds[0] ?? -1, unitIds: [...user.unitIds], regions: [] };
  return user.scope;
}

/** The units whose figures a user sees (statistics, 督办, zero reports): a unit user's, a scoped user's sub-tree; null: all. */
export function visibleUnitIds(user: SessionUser): number[] | null {
  return visibleTickets(user)?.unitIds ?? null;
}

/** Only this is stored of a bearer token. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
