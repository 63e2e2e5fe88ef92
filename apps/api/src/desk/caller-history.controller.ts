import { Controller, ForbiddenException, Get, Param, ParseIntPipe, Query, UseGuards } from '@nestjs/common';
import { ROLES, type Role } from '@hub/auth';
import { TicketQueryService } from '../tickets/ticket-query.service';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { QueryKeys, TicketQueryKeysGuard } from '../tickets/ticket-query-keys.guard';
import { TicketQueryParamError } from '../tickets/ticket-list-query';
import { CallerHistoryService } from './caller-history.service';
import { CallerHistory } from './desk.responses';

const DESK: Role[] = ['operator', 'supervisor', 'admin'];

/** 此号码历史来电 for the desk (operators, supervisors, admins): on triage, intake and the ticket page. */
@ApiTags('desk')
@ApiBearerAuth()
@UseGuards(TicketQueryKeysGuard)
@Roles('operator', 'supervisor', 'admin')
@Controller('api')
export class CallerHistoryController {
  constructor(
    private readonly history: CallerHistoryService,
    private readonly tickets: TicketQueryService,
  ) {}

  @ApiOkResponse({ type: CallerHistory })
  @Get('tickets/:id/caller-history')
  @Roles(...ROLES)
  @ApiOperation({ summary: "此号码历史来电: the other tickets of this ticket's caller (same phone), newest first" })
  async ofTicket(@CurrentUser() user: SessionUser, @Param('id', ParseIntPipe) id: number) {
    // Another unit's ticket is 404 on every route, as everywhere (the ticket first, then the role).
    await this.tickets.visible(user, id);
    if (!DESK.includes(user.role)) throw new ForbiddenException(`此操作需要以下角色之一：${DESK.join(', ')}`);
    return this.history.ofTicket(user, id);
  }

  @ApiOkResponse({ type: CallerHistory })
  @Get('callers/history')
  @ApiOperation({ summary: '此号码历史来电 for a number as typed at intake (+86, spaces, dashes: any writing)' })
  @ApiQuery({ name: 'phone', required: true })
  @QueryKeys('phone')
  ofPhone(@CurrentUser() user: SessionUser, @Query('phone') phone: unknown) {
    if (typeof phone !== 'string' || phone.length > 40)
      throw new TicketQueryParamError('phone', '须为电话号码（最长 40 个字符）', 'phone must be a phone number of up to 40 characters');
    return this.history.ofPhone(user, phone);
  }
}
