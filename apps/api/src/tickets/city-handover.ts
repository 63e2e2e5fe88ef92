import type { HubConfig } from '@hub/config';
import type { TicketEntity } from '@hub/database';
import { mayHandToCity } from '@hub/domain';
import type { Role } from '@hub/auth';
import type { SessionUser } from '../auth/auth.decorators';

/** Who works the province desk's triage (and so may hand a ticket to a city). */
export const CITY_HANDOVER_ROLES: Role[] = ['operator', 'supervisor', 'admin'];

/** 转交地市: the cities this user may hand the ticket to now (none outside a province installation). */
export function handToCities(config: HubConfig, user: SessionUser, t: Pick<TicketEntity, 'status' | 'cityUnitId'>): string[] {
  if (!CITY_HANDOVER_ROLES.includes(user.role) || mayHandToCity(t)) return [];
  return config.cities.cities.map((c) => c.name);
}
