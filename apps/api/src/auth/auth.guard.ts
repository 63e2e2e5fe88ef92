import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SessionUsers } from '@hub/auth';
import { IS_PUBLIC, PENDING_PASSWORD_OK, ROLES, SessionUser, WHOLE_INSTALLATION } from './auth.decorators';
import type { Role } from '@hub/auth';

export function bearerToken(req: Request): string | null {
  const h = req.headers.authorization;
  // Never from the URL (it ends up in browser history, proxies and referrers): a browser opens an
  // attachment by a short-lived signed link instead (POST /api/tickets/:id/attachments/:aid/link).
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}

/**
 * Every route requires a valid token unless marked @Public(); @Roles() narrows it further; a user
 * who must change their password reaches only the routes marked @AllowPendingPasswordChange().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionUsers,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: SessionUser }>();
    const token = bearerToken(req);
    const user = token ? await this.sessions.resolve(token) : null;
    if (!user) throw new UnauthorizedException('请先登录（登录已过期或令牌无效）');
    req.user = user;
    // A password an administrator chose is only good for choosing one's own.
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_OK, targets)) {
      throw new ForbiddenException('请先修改密码：管理员设置的密码须在首次登录后改为您自己的密码（POST /api/auth/password）');
    }
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES, targets);
    if (roles?.length && !roles.includes(user.role)) throw new ForbiddenException(`此操作需要以下角色之一：${roles.join(', ')}`);
    if (user.scope && this.reflector.getAllAndOverride<boolean>(WHOLE_INSTALLATION, targets)) {
      throw new ForbiddenException('此操作涉及全市数据，限定了管辖范围的账号不能使用');
    }
    return true;
  }
}
