import { Body, Controller, ForbiddenException, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ASSIGNMENTS, UnitOfWork, UNITS } from '@hub/database';
import { ForwardSubReplyUseCase, SendBackSubReplyUseCase, SubDispatchTicketUseCase } from '@hub/tickets';
import { actorOf, CurrentUser, SessionUser } from '../auth/auth.decorators';
import { ForwardSubReplyDto, SubDispatchDto } from './sub-dispatch.dto';
import { RequiredReasonDto } from './ticket-action.dto';
import { TicketAccessGuard } from './ticket-access.guard';
import { TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { TicketQueryService } from './ticket-query.service';
import { SubDispatchTargets } from './sub-dispatch.responses';
import { TicketRecord } from './tickets.responses';

/**
 * 二级派单: what a desk unit (分中心) does with a ticket it holds — hand it down to a unit below it,
 * answer upward from that unit's reply (上报, as it stands or edited), or send the reply back
 * (退回重办). The lower unit's own 签收, 退单 and 反馈 are the ordinary unit routes. The whole chain is
 * on the ticket's page (its assignments, each with parentAssignmentId).
 */
@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class SubDispatchController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly query: TicketQueryService,
    private readonly subDispatch: SubDispatchTicketUseCase,
    private readonly forward: ForwardSubReplyUseCase,
    private readonly sendBack: SendBackSubReplyUseCase,
  ) {}

  /** Visible first (another unit's ticket is 404), then the role (403); the unit acting for the user. */
  private async deskUnit(user: SessionUser, id: number): Promise<number> {
    await this.query.visible(user, id);
    if (user.role !== 'unit') throw new ForbiddenException('此操作需要以下角色之一：unit（二级派单由持有工单的分中心单位办理）');
    return this.query.actingUnit(user, id);
  }

  @ApiOperation({ summary: '可转派的下级单位: the units below the acting desk unit (empty when it is no desk)' })
  @ApiOkResponse({ type: SubDispatchTargets })
  @Get(':id/sub-dispatch')
  async targets(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    const unitId = await this.deskUnit(u, id);
    const desk = await this.uow.read(UNITS).findById(unitId);
    const children = desk?.desk ? await this.uow.read(UNITS).listChildren(unitId) : [];
    const held = (await this.uow.read(ASSIGNMENTS).listForTicket(id)).find((a) => a.unitId === unitId && a.status === 'active');
    const below = held ? (await this.uow.read(ASSIGNMENTS).listForTicket(id)).filter((a) => a.parentAssignmentId === held.id) : [];
    return {
      deskUnitId: unitId,
      desk: Boolean(desk?.desk),
      units: children.map((c) => ({ id: c.id, name: c.name, tier: c.tier })),
      pendingReplyAssignmentId: below.filter((a) => a.status === 'replied').at(-1)?.id ?? null,
      activeAssignmentId: below.find((a) => a.status === 'active')?.id ?? null,
    };
  }

  @ApiOperation({ summary: '二级派单: the desk unit hands the ticket down to a unit below it (unit, after 签收)' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/sub-dispatch')
  @HttpCode(200)
  async dispatch(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: SubDispatchDto) {
    const unitId = await this.deskUnit(u, id);
    return this.query.record(u, await this.subDispatch.execute({ ticketId: id, unitId, childUnitId: b.childUnitId, note: b.note ?? null, actor: actorOf(u) }));
  }

  @ApiOperation({ summary: '上报: the desk unit answers upward from the lower unit’s reply, as it stands or edited (unit)' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/forward-sub-reply')
  @HttpCode(200)
  async forwardReply(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ForwardSubReplyDto) {
    const unitId = await this.deskUnit(u, id);
    return this.query.record(u, await this.forward.execute({ ticketId: id, unitId, outcome: b.outcome, text: b.text, actor: actorOf(u) }));
  }

  @ApiOperation({ summary: '退回重办: the desk unit sends the lower unit’s reply back with the reason; its reply limit opens again (unit)' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/send-back-sub-reply')
  @HttpCode(200)
  async sendBackReply(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    const unitId = await this.deskUnit(u, id);
    return this.query.record(u, await this.sendBack.execute({ ticketId: id, unitId, reason: b.reason, actor: actorOf(u) }));
  }
}
