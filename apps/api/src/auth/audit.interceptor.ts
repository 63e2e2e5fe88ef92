import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { AUDIT_LOG, UnitOfWork } from '@hub/database';
import type { SessionUser } from './auth.decorators';

/** Records who did what, when and from where, for every change made through the API. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly uow: UnitOfWork) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: SessionUser }>();
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next.handle();
    const write = (status: number, error?: string) => {
      const user = req.user;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const detail: Record<string, unknown> = { params: req.params };
      for (const k of ['unitId', 'outcome', 'rating', 'days', 'reason', 'targetTicketId', 'username']) if (body[k] !== undefined) detail[k] = body[k];
      if (error) detail.error = error.slice(0, 300);
      // One row, written beside the request (never in its transaction): a failed action is recorded too.
      this.uow
        .read(AUDIT_LOG)
        .record({
          userId: user?.id ?? null,
          username: user?.username ?? (typeof body.username === 'string' ? body.username : null),
          action: `${ctx.getClass().name}.${ctx.getHandler().name}`,
          method: req.method,
          path: req.originalUrl.slice(0, 300),
          status,
          ip: req.ip ?? null,
          at: new Date(),
          detail,
        })
        .catch(() => undefined);
    };
    return next.handle().pipe(
      tap({
        next: () => write(ctx.switchToHttp().getResponse<Response>().statusCode),
        error: (e: { status?: number; getStatus?: () => number; message?: string }) => write(e.getStatus?.() ?? e.status ?? 500, e.message),
      }),
    );
  }
}
