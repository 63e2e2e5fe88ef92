import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role, SessionUser } from '@hub/auth';

export type { SessionUser };

export const IS_PUBLIC = 'hub:public';
export const ROLES = 'hub:roles';
export const PENDING_PASSWORD_OK = 'hub:pending-password-ok';

/** The route needs no login (login itself, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** The route answers a user who must change their password first (who am I, change it, log out). */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_PASSWORD_OK, true);
export const WHOLE_INSTALLATION = 'hub:whole-installation';
/** Installation-wide administration (accounts, mailboxes, queues, audit, clusters): refused to a scoped desk (issue #21). */
export const WholeInstallation = () => SetMetadata(WHOLE_INSTALLATION, true);
/** Only these roles may call the route; others get 403 (unit users get 404 on tickets). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionUser => {
  return ctx.switchToHttp().getRequest().user as SessionUser;
});

/** The actor recorded in ticket events for a console user. */
export function actorOf(user: SessionUser) {
  return { kind: user.role === 'unit' ? ('unit' as const) : ('user' as const), id: user.id, name: user.displayName };
}
