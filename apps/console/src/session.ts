import { reactive } from 'vue';

import { expiryNotice } from './login-redirect';
import type { Schemas } from './types';

export type Role = Schemas['Role'];
export type SessionUser = Schemas['SessionUserView'];

const KEY = 'hub.session';

/** What POST /api/auth/login answers, kept for the browser (every tab of it). */
type Stored = Schemas['LoginResult'];

function load(): Stored | null {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) || 'null') as Stored | null;
    if (s && new Date(s.expiresAt).getTime() > Date.now()) return s;
  } catch {
    /* a damaged entry is the same as none */
  }
  return null;
}

/**
 * The logged-in user, shared by every tab of the browser (localStorage): a ticket link opened in a
 * new tab is already logged in; logging in or out in one tab does so in the others.
 */
export const session = reactive<{ token: string | null; expiresAt: string | null; user: SessionUser | null }>({
  token: null,
  expiresAt: null,
  user: null,
});
const initial = load();
if (initial) Object.assign(session, initial);
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  const s = load();
  if (s) Object.assign(session, s);
  else Object.assign(session, { token: null, expiresAt: null, user: null });
});

export function setSession(s: Stored): void {
  Object.assign(session, s);
  expiryNotice.reset();
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(): void {
  session.token = null;
  session.expiresAt = null;
  session.user = null;
  localStorage.removeItem(KEY);
}

export const ROLE_LABELS: Record<Role, string> = { operator: '话务员', unit: '承办人', supervisor: '督办', admin: '管理员', leader: '领导' };

export const isDesk = (): boolean => ['operator', 'supervisor', 'admin'].includes(session.user?.role ?? '');
export const isUnit = (): boolean => session.user?.role === 'unit';
export const isSupervisor = (): boolean => ['supervisor', 'admin'].includes(session.user?.role ?? '');
