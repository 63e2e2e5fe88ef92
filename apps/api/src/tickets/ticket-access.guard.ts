import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { TicketNotFoundError } from '@hub/tickets';
import type { SessionUser } from '../auth/auth.decorators';
import { TicketQueryService } from './ticket-query.service';

/**
 * Runs before body validation: a ticket the user may not see is 404 whatever the request
 * carries, so nothing (not even a validation message) tells another unit it exists.
 */
@Injectable()
export class TicketAccessGuard implements CanActivate {
  constructor(private readonly query: TicketQueryService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ params: Record<string, string>; user?: SessionUser }>();
    const raw = req.params?.id;
    if (raw === undefined || !req.user) return true;
    const id = Number(raw);
    if (!Number.isInteger(id) || id <= 0) throw new TicketNotFoundError(raw);
    await this.query.visible(req.user, id);
    return true;
  }
}
