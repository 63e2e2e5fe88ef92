import { createHash } from 'crypto';
import type { UserRecord } from '@hub/database';
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
}

export function toSessionUser(user: UserRecord): SessionUser {
  const units = (user.units ?? []).map((u) => ({ id: u.id, name: u.name }));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    unitIds: units.map((u) => u.id),
    units,
    mustChangePassword: Boolean(user.mustChangePassword),
  };
}

/** Only this is stored of a bearer token. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
