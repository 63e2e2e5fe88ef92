import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '@hub/database';
import type { SessionUser } from './auth.decorators';

/** Records who did what, when and from where, for every change made through the API. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly ds: DataSource) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: SessionUser }>();
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next.handle();
    const write = (status: number, error?: string) => {
      const user = req.user;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const detail: Record<string, unknown> = { params: req.params };
      for (const k of ['unitId', 'outcome', 'rating', 'days', 'reason', 'targetTicketId', 'username']) if (body[k] !== undefined) detail[k] = body[k];
      if (error) detail.error = error.slice(0, 300);
      this.ds.getRepository(AuditLogEntity).insert(<never>{
        userId: user?.id ?? null, username: user?.username ?? (typeof body.username === 'string' ? body.username : null),
        action: `${ctx.getClass().name}.${ctx.getHandler().name}`, method: req.method, path: req.originalUrl.slice(0, 300),
        status, ip: req.ip ?? null, at: new Date(), detail,
      }).catch(() => undefined);
    };
    return next.handle().pipe(
      tap({
        next: () => write(ctx.switchToHttp().getResponse<Response>().statusCode),
        error: (e: { status?: number; getStatus?: () => number; message?: string }) => write(e.getStatus?.() ?? e.status ?? 500, e.message),
      }),
    );
  }
}
