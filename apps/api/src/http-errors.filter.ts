import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUDIT_LOG, UnitOfWork } from '@hub/database';
import { auditEntry, AuditedRequest, refusalEvent } from './auth/security-audit';
import { bodyParserProblem } from './http-body';
import { sendError, splitFormat } from './open311/open311-format';

const BY_CODE: Record<string, number> = {
  ILLEGAL_TRANSITION: HttpStatus.CONFLICT,
  TICKET_CONFLICT: HttpStatus.CONFLICT,
  MISSING_TRANSITION_DATA: HttpStatus.BAD_REQUEST,
  TICKET_NOT_FOUND: HttpStatus.NOT_FOUND,
  ACTION_REFUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  BAD_INPUT: HttpStatus.BAD_REQUEST,
  KNOWLEDGE_FORBIDDEN: HttpStatus.FORBIDDEN,
  KNOWLEDGE_NOT_FOUND: HttpStatus.NOT_FOUND,
  KNOWLEDGE_CONFLICT: HttpStatus.CONFLICT,
};

/**
 * Domain errors become HTTP answers a person can act on; anything else is a logged 500. A refusal
 * no route recorded (a guard's 401/403/429, a GET's 404 for a logged-in user) goes to the audit log.
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  constructor(@Optional() private readonly uow?: UnitOfWork) {}

  private audit(req: AuditedRequest, status: number, message: unknown): void {
    const event = refusalEvent(req, status);
    if (!event || req.auditWritten || !this.uow) return;
    req.auditWritten = true;
    const error = (Array.isArray(message) ? message.join('; ') : String(message)).slice(0, 300);
    this.uow
      .read(AUDIT_LOG)
      .record(auditEntry(req, 'refused', status, { event, error }))
      .catch(() => undefined);
  }

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (req.path?.startsWith('/open311/')) return this.open311(e, req, res);
    if (e instanceof HttpException) {
      const body = e.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? e.message);
      this.audit(host.switchToHttp().getRequest<AuditedRequest>(), e.getStatus(), message);
      res.status(e.getStatus()).json({ statusCode: e.getStatus(), message, error: HttpStatus[e.getStatus()] });
      return;
    }
    const body = bodyParserProblem(e);
    if (body) {
      res.status(body.status).json({ statusCode: body.status, message: body.message, error: HttpStatus[body.status] });
      return;
    }
    const code = (e as { code?: string })?.code;
    const status = code ? BY_CODE[code] : undefined;
    if (status) {
      this.audit(host.switchToHttp().getRequest<AuditedRequest>(), status, (e as Error).message);
      res.status(status).json({ statusCode: status, code, message: (e as Error).message });
      return;
    }
    this.log.error((e as Error)?.stack ?? String(e));
    res.status(500).json({ statusCode: 500, message: 'internal error; the log has the details' });
  }

  /**
   * Civic apps read Open311 errors as the spec writes them (`[{code, description}]` or
   * `<errors>`), also for what fails before the controller: an unreadable body, an unknown path, a throttle.
   */
  private open311(e: unknown, req: Request, res: Response): void {
    const parsed = e instanceof HttpException ? null : bodyParserProblem(e);
    const status = e instanceof HttpException ? e.getStatus() : (parsed?.status ?? 500);
    const format = splitFormat(req.path.slice(req.path.lastIndexOf('/') + 1), req.query.format).format ?? 'xml';
    if (status >= 500) {
      this.log.error((e as Error)?.stack ?? String(e));
      return sendError(res, format, 500, '服务器内部错误，请稍后再试');
    }
    const detail = e instanceof HttpException ? e.message : (parsed?.message ?? '');
    const description =
      status === 404 ? `没有这个资源：${req.path}` : status === 429 ? '请求过于频繁，请稍后再试' : `请求无法读取，请检查参数和请求体（${detail}）`;
    sendError(res, format, status, description);
  }
}
