import { Body, Controller, ForbiddenException, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@hub/auth';
import { ReviewReplyUseCase } from '@hub/tickets';
import { actorOf, CurrentUser, SessionUser } from '../auth/auth.decorators';
import { ReasonDto, RequiredReasonDto } from './ticket-action.dto';
import { TicketAccessGuard } from './ticket-access.guard';
import { TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { TicketQueryService } from './ticket-query.service';
import { TicketRecord } from './tickets.responses';

const DESK: Role[] = ['operator', 'supervisor', 'admin'];

/** 办结审核: the centre accepts a unit's reply held for review, or sends it back (退回重办). */
@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class ReplyReviewController {
  constructor(
    private readonly query: TicketQueryService,
    private readonly reviewReply: ReviewReplyUseCase,
  ) {}

  /** Visible first (another unit's ticket is 404), then the role (403). */
  private async allow(user: SessionUser, id: number): Promise<void> {
    await this.query.visible(user, id);
    if (!DESK.includes(user.role)) throw new ForbiddenException(`此操作需要以下角色之一：${DESK.join(', ')}`);
  }

  @ApiOperation({ summary: '审核通过: the reply held for 办结审核 goes to the citizen and the 回访 starts' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/accept-reply')
  @HttpCode(200)
  async accept(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ReasonDto) {
    await this.allow(u, id);
    return this.query.record(u, await this.reviewReply.execute({ ticketId: id, decision: 'accept', reason: b.reason ?? null, actor: actorOf(u) }));
  }

  @ApiOperation({ summary: '退回重办: the reply held for 办结审核 goes back to the unit with the reason; its reply limit opens again' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/send-back')
  @HttpCode(200)
  async sendBack(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id);
    return this.query.record(u, await this.reviewReply.execute({ ticketId: id, decision: 'send_back', reason: b.reason, actor: actorOf(u) }));
  }
}
