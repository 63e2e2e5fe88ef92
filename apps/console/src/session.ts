import { reactive } from 'vue';

export type Role = 'operator' | 'unit' | 'supervisor' | 'admin';
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitIds: number[];
  units: Array<{ id: number; name: string }>;
}

const KEY = 'hub.session';

interface Stored {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

function load(): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || 'null') as Stored | null;
    if (s && new Date(s.expiresAt).getTime() > Date.now()) return s;
  } catch {
    /* a damaged entry is the same as none */
  }
  return null;
}

/** The logged-in user, kept per browser tab (sessionStorage) so closing the tab logs out. */
export const session = reactive<{ token: string | null; expiresAt: string | null; user: SessionUser | null }>({
  token: null,
  expiresAt: null,
  user: null,
});
const initial = load();
if (initial) Object.assign(session, initial);

export function setSession(s: Stored): void {
  Object.assign(session, s);
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  session.token = null;
  session.expiresAt = null;
  session.user = null;
  sessionStorage.removeItem(KEY);
}

export const ROLE_LABELS: Record<Role, string> = { operator: '话务员', unit: '承办人', supervisor: '督办', admin: '管理员' };

export const isDesk = (): boolean => ['operator', 'supervisor', 'admin'].includes(session.user?.role ?? '');
export const isUnit = (): boolean => session.user?.role === 'unit';
export const isSupervisor = (): boolean => ['supervisor', 'admin'].includes(session.user?.role ?? '');
