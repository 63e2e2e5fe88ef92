import { ArgumentMetadata, CanActivate, ExecutionContext, Injectable, PipeTransform, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TicketQueryParamError } from './ticket-list-query';

const QUERY_KEYS = 'hub:query-keys';
/** The query parameters a ticket route reads; any other is a 400 naming it (routes without this read none). */
export const QueryKeys = (...keys: readonly string[]) => SetMetadata(QUERY_KEYS, keys);

/** A query parameter the route does not read is a mistake the caller should hear of, not silently ignored. */
@Injectable()
export class TicketQueryKeysGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const allowed = this.reflector.get<readonly string[] | undefined>(QUERY_KEYS, ctx.getHandler()) ?? [];
    const query = ctx.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query ?? {};
    const extra = Object.keys(query).find((k) => !allowed.includes(k));
    if (extra === undefined) return true;
    throw allowed.length
      ? new TicketQueryParamError(extra, `这里不认识这个参数，可用的有 ${allowed.join('、')}`, `unknown parameter ${extra}; use ${allowed.join(', ')}`)
      : new TicketQueryParamError(extra, '这里不带查询参数', `this route takes no query parameters (got ${extra})`);
  }
}

/** A path id that is not a whole number from 1 (`/attachments/abc`): a 400 naming it in Chinese. */
@Injectable()
export class PositiveIdPipe implements PipeTransform<string, number> {
  transform(raw: string, meta: ArgumentMetadata): number {
    const name = meta.data ?? 'id';
    if (!/^\d{1,12}$/.test(raw) || Number(raw) < 1)
      throw new TicketQueryParamError(name, '须为从 1 起的整数', `${name} must be a whole number from 1, got ${JSON.stringify(raw)}`, '路径参数');
    return Number(raw);
  }
}
