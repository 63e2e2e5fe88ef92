import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, tap } from 'rxjs';
import { AUDIT_LOG, UnitOfWork } from '@hub/database';
import { auditEntry, AuditedRequest, securityEvent } from './security-audit';

/**
 * Records who did what, when and from where, for every change made through the API (refusals
 * that stop before the route, by the guards, are recorded by the exceptions filter).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly uow: UnitOfWork) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuditedRequest>();
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next.handle();
    const action = `${ctx.getClass().name}.${ctx.getHandler().name}`;
    const write = (status: number, error?: string) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const detail: Record<string, unknown> = { params: req.params };
      for (const k of ['unitId', 'outcome', 'rating', 'days', 'reason', 'targetTicketId', 'username', 'role', 'active'])
        if (body[k] !== undefined) detail[k] = body[k];
      const event = securityEvent(action, status, body);
      if (event) detail.event = event;
      if (error) detail.error = error.slice(0, 300);
      req.auditWritten = true;
      // One row, written beside the request (never in its transaction): a failed action is recorded too.
      this.uow
        .read(AUDIT_LOG)
        .record(auditEntry(req, action, status, detail))
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
