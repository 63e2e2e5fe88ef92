import { Body, Controller, ForbiddenException, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcceptTicketUseCase,
  AcknowledgeTicketUseCase,
  AnswerDirectlyUseCase,
  CloseTicketUseCase,
  DecideExtensionUseCase,
  DecideReturnUseCase,
  DispatchTicketUseCase,
  MarkInvalidUseCase,
  MergeTicketsUseCase,
  ProvideServiceUseCase,
  ReassignTicketUseCase,
  RecordContactUseCase,
  ReplyTicketUseCase,
  RequestExtensionUseCase,
  ReturnTicketUseCase,
  SurveyTicketUseCase,
} from '@hub/tickets';
import { type Role, visibleUnitIds } from '@hub/auth';
import { actorOf, CurrentUser, SessionUser } from '../auth/auth.decorators';
import {
  ApproveExtensionDto,
  DirectAnswerDto,
  DispatchDto,
  ExtensionDto,
  MergeDto,
  ReasonDto,
  ReplyDto,
  RequiredReasonDto,
  SurveyDto,
  TextDto,
} from './ticket-action.dto';
import { TicketAccessGuard } from './ticket-access.guard';
import { TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { TicketQueryService } from './ticket-query.service';
import { TicketRecord } from './tickets.responses';

const DESK: Role[] = ['operator', 'supervisor', 'admin'];
const UNIT: Role[] = ['unit'];

/**
 * These routes were TicketsController's until it was split: their operation ids (the names in
 * generated clients, among them the console's schema.d.ts) stay what they were.
 */
const Operation = (method: string, summary: string) => ApiOperation({ operationId: `TicketsController_${method}`, summary });

/** What the desk and the units do on a ticket (the unit actions on the unit user's own assignment). */
@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class TicketActionsController {
  constructor(
    private readonly query: TicketQueryService,
    private readonly acceptTicket: AcceptTicketUseCase,
    private readonly dispatchTicket: DispatchTicketUseCase,
    private readonly reassignTicket: ReassignTicketUseCase,
    private readonly acknowledgeTicket: AcknowledgeTicketUseCase,
    private readonly recordContact: RecordContactUseCase,
    private readonly replyTicket: ReplyTicketUseCase,
    private readonly returnTicketUseCase: ReturnTicketUseCase,
    private readonly decideReturn: DecideReturnUseCase,
    private readonly requestExtension: RequestExtensionUseCase,
    private readonly decideExtension: DecideExtensionUseCase,
    private readonly mergeTickets: MergeTicketsUseCase,
    private readonly surveyTicket: SurveyTicketUseCase,
    private readonly closeTicket: CloseTicketUseCase,
    private readonly answerDirectly: AnswerDirectlyUseCase,
    private readonly provideServiceUseCase: ProvideServiceUseCase,
    private readonly markInvalid: MarkInvalidUseCase,
  ) {}

  /** Visible first (another unit's ticket is 404), then the role (403). */
  private async allow(user: SessionUser, id: number, roles: Role[]): Promise<void> {
    await this.query.visible(user, id);
    if (!roles.includes(user.role)) throw new ForbiddenException(`此操作需要以下角色之一：${roles.join(', ')}`);
  }

  @Operation('accept', '受理: take a received ticket into triage')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/accept')
  @HttpCode(200)
  async accept(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    await this.allow(u, id, DESK);
    return this.acceptTicket.execute({ ticketId: id, actor: actorOf(u) });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/dispatch')
  @HttpCode(200)
  @Operation('dispatch', '交办 to a lead unit and optional assisting units')
  async dispatch(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: DispatchDto) {
    await this.allow(u, id, DESK);
    return this.dispatchTicket.execute({ ...b, ticketId: id, actor: actorOf(u), asAsked: true, scopeUnitIds: visibleUnitIds(u) ?? undefined });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/reassign')
  @HttpCode(200)
  @Operation('reassign', '改派 to another unit')
  async reassign(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: DispatchDto) {
    await this.allow(u, id, DESK);
    return this.reassignTicket.execute({ ...b, ticketId: id, actor: actorOf(u), scopeUnitIds: visibleUnitIds(u) ?? undefined });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Operation('acknowledge', '签收 (unit)')
  async acknowledge(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    await this.allow(u, id, UNIT);
    return this.query.record(u, await this.acknowledgeTicket.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), actor: actorOf(u) }));
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/contact')
  @HttpCode(200)
  @Operation('contact', '首次联系: the unit has contacted the requester (unit)')
  async contact(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: TextDto) {
    await this.allow(u, id, UNIT);
    return this.query.record(
      u,
      await this.recordContact.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), note: b.text, actor: actorOf(u) }),
    );
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/reply')
  @HttpCode(200)
  @Operation('reply', '办结反馈 (unit)')
  async reply(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ReplyDto) {
    await this.allow(u, id, UNIT);
    return this.query.record(
      u,
      await this.replyTicket.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), outcome: b.outcome, text: b.text, actor: actorOf(u) }),
    );
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/return')
  @HttpCode(200)
  @Operation('returnTicket', '退单 as misrouted, with a reason (unit)')
  async returnTicket(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id, UNIT);
    return this.query.record(
      u,
      await this.returnTicketUseCase.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), reason: b.reason, actor: actorOf(u) }),
    );
  }

  @Operation('approveReturn', '同意退单: the ticket goes back to triage')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/approve-return')
  @HttpCode(200)
  async approveReturn(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ReasonDto) {
    await this.allow(u, id, DESK);
    return this.decideReturn.execute({ ticketId: id, decision: 'approve', reason: b.reason, actor: actorOf(u) });
  }

  @Operation('rejectReturn', '驳回退单, with a reason: the unit keeps the ticket')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/reject-return')
  @HttpCode(200)
  async rejectReturn(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id, DESK);
    return this.decideReturn.execute({ ticketId: id, decision: 'reject', reason: b.reason, actor: actorOf(u) });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/extension')
  @HttpCode(200)
  @Operation('extension', '延期申请 before the deadline (unit)')
  async extension(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ExtensionDto) {
    await this.allow(u, id, UNIT);
    return this.query.record(
      u,
      await this.requestExtension.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), days: b.days, reason: b.reason, actor: actorOf(u) }),
    );
  }

  @Operation('approveExtension', '批准延期, as requested or for fewer days')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/approve-extension')
  @HttpCode(200)
  async approveExtension(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ApproveExtensionDto) {
    await this.allow(u, id, DESK);
    return this.decideExtension.execute({ ticketId: id, decision: 'approve', days: b.days, actor: actorOf(u) });
  }

  @Operation('rejectExtension', '驳回延期, with a reason')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/reject-extension')
  @HttpCode(200)
  async rejectExtension(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id, DESK);
    return this.decideExtension.execute({ ticketId: id, decision: 'reject', reason: b.reason, actor: actorOf(u) });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/merge')
  @HttpCode(200)
  @Operation('merge', '并单: merge a repeat into an open ticket')
  async merge(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: MergeDto) {
    await this.allow(u, id, DESK);
    await this.query.visible(u, b.targetTicketId);
    return this.mergeTickets.execute({ ticketId: id, targetTicketId: b.targetTicketId, reason: b.reason, actor: actorOf(u) });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/survey')
  @HttpCode(200)
  @Operation('survey', '回访: 满意 / 基本满意 / 不满意 (不满意 reopens)')
  async survey(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: SurveyDto) {
    await this.allow(u, id, DESK);
    return this.surveyTicket.execute({ ticketId: id, rating: b.rating, note: b.note, actor: actorOf(u) });
  }

  @Operation('close', '办结归档 (a reason is needed when there was no 回访)')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/close')
  @HttpCode(200)
  async close(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ReasonDto) {
    await this.allow(u, id, DESK);
    return this.closeTicket.execute({ ticketId: id, reason: b.reason, actor: actorOf(u) });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/direct-answer')
  @HttpCode(200)
  @Operation('directAnswer', '直接答复 by the operator, optionally from a knowledge entry (knowledgeId)')
  async directAnswer(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: DirectAnswerDto) {
    await this.allow(u, id, DESK);
    return this.answerDirectly.execute({ ticketId: id, text: b.text, knowledgeId: b.knowledgeId, actor: actorOf(u) });
  }

  @Operation('provideService', '提供服务 by the operator')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/provide-service')
  @HttpCode(200)
  async provideService(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: TextDto) {
    await this.allow(u, id, DESK);
    return this.provideServiceUseCase.execute({ ticketId: id, text: b.text, actor: actorOf(u) });
  }

  @Operation('invalid', '无效: mark the ticket invalid, with a reason')
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/invalid')
  @HttpCode(200)
  async invalid(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id, DESK);
    return this.markInvalid.execute({ ticketId: id, reason: b.reason, actor: actorOf(u) });
  }
}
