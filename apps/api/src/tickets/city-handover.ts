import type { HubConfig } from '@hub/config';
import type { TicketEntity } from '@hub/database';
import { mayHandToCity } from '@hub/domain';
import type { Role } from '@hub/auth';
import type { SessionUser } from '../auth/auth.decorators';

/** Who works the province desk's triage (and so may hand a ticket to a city). */
export const CITY_HANDOVER_ROLES: Role[] = ['operator', 'supervisor', 'admin'];

/**
 * Whether the user works the province desk: a desk role, unscoped (the whole installation) or scoped
 * to the province's own unit (cities.yaml province). A city's scoped operator is not: it works its
 * city's triage, and the province decides what is whose.
 */
export function worksProvinceDesk(user: SessionUser, provinceUnitId: number | null): boolean {
  if (!CITY_HANDOVER_ROLES.includes(user.role)) return false;
  return user.scopeUnitId == null || (provinceUnitId !== null && user.scopeUnitId === provinceUnitId);
}

/** 转交地市: the cities this user may hand the ticket to now (none outside a province installation). */
export function handToCities(config: HubConfig, user: SessionUser, provinceUnitId: number | null, t: Pick<TicketEntity, 'status' | 'cityUnitId'>): string[] {
  if (!worksProvinceDesk(user, provinceUnitId) || mayHandToCity(t)) return [];
  return config.cities.cities.map((c) => c.name);
}
