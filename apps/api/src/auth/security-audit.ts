import type { Request } from 'express';
import type { AuditEntry } from '@hub/database';
import type { SessionUser } from './auth.decorators';

/** A request as the audit log sees it: who (once known) and whether a row was written already. */
export type AuditedRequest = Request & { user?: SessionUser; auditWritten?: boolean };

/**
 * The route's pattern (`/api/tickets/:ticketId`), never the raw path: the log groups by what was
 * tried, and ids or query strings (search words, names) stay out of it.
 */
export function routePattern(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  const path = typeof route?.path === 'string' ? route.path : '(no route)';
  return `${req.baseUrl ?? ''}${path}`.slice(0, 300);
}

/**
 * The security event a request was, for the audit log's detail (`event`): failed and refused
 * logins, pauses, unlocks, password changes, accounts created, disabled or reset.
 */
export function securityEvent(action: string, status: number, body: Record<string, unknown>): string | undefined {
  const ok = status < 400;
  switch (action) {
    case 'AuthController.login':
      return ok ? 'login' : status === 429 ? 'login-throttled' : status === 401 ? 'login-failed' : undefined;
    case 'AuthController.changePassword':
      return ok ? 'password-changed' : 'password-change-refused';
    case 'AdminController.unlockUser':
      return ok ? 'account-unlocked' : undefined;
    case 'AdminController.createUser':
      return ok ? 'user-created' : undefined;
    case 'AdminController.updateUser':
      if (!ok) return undefined;
      if (body.active === false) return 'user-disabled';
      if (body.active === true) return 'user-enabled';
      if (body.password !== undefined) return 'password-reset';
      return body.role !== undefined ? 'role-changed' : undefined;
    default:
      return undefined;
  }
}

/** Refusals worth a row even when the route never ran: not logged in, not allowed, paused, or not theirs. */
export function refusalEvent(req: AuditedRequest, status: number): string | undefined {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'throttled';
  // A 404 on a matched route for a logged-in user: another unit's ticket answers exactly like a missing one.
  if (status === 404 && req.user && (req as { route?: unknown }).route) return 'not-found';
  return undefined;
}

export function auditEntry(req: AuditedRequest, action: string, status: number, detail: Record<string, unknown>): AuditEntry {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return {
    userId: req.user?.id ?? null,
    username: req.user?.username ?? (typeof body.username === 'string' ? body.username.slice(0, 64) : null),
    action: action.slice(0, 100),
    method: req.method.slice(0, 8),
    path: routePattern(req),
    status,
    // req.ip believes X-Forwarded-For only from HUB_TRUSTED_PROXIES (trust proxy is set from it).
    ip: req.ip?.slice(0, 64) ?? null,
    at: new Date(),
    detail,
  };
}
