import { Body, Controller, ForbiddenException, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FileResponse } from '../response-fields';
import { AttachmentLink, TicketCounts, TicketDetail, TicketPage, TicketRecord } from './tickets.responses';
import type { Response } from 'express';
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
import type { Role } from '@hub/auth';
import { TICKET_STATUSES } from '@hub/domain';
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
import { PositiveIdPipe, QueryKeys, TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { AttachmentLinks } from './attachment-links';
import { sendAttachment } from './attachment-download.controller';
import { LIST_QUERY_KEYS, listQuery, SORT_VALUES } from './ticket-list-query';
import { TICKET_VIEWS, TicketQueryService } from './ticket-query.service';

const DESK: Role[] = ['operator', 'supervisor', 'admin'];
const UNIT: Role[] = ['unit'];

@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class TicketsController {
  constructor(
    private readonly query: TicketQueryService,
    private readonly links: AttachmentLinks,
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

  @ApiOkResponse({ type: TicketPage })
  @Get()
  @ApiOperation({
    summary: "List tickets (a unit user sees its units' tickets only)",
    description: 'Any other parameter, one given twice (but status), a wrong value or a from-to period over 366 days is a 400 naming it.',
  })
  @ApiQuery({ name: 'view', required: false, enum: TICKET_VIEWS })
  @ApiQuery({ name: 'status', required: false, description: `one or more of ${TICKET_STATUSES.join(', ')}, comma-separated` })
  @ApiQuery({ name: 'from', required: false, description: 'received from: YYYY-MM-DD (that Beijing day) or ISO 8601 (no zone: Beijing time)' })
  @ApiQuery({ name: 'to', required: false, description: 'received until: YYYY-MM-DD (inclusive, the whole Beijing day) or ISO 8601 (exclusive)' })
  @ApiQuery({ name: 'unit', required: false, description: 'unit id: tickets it was given' })
  @ApiQuery({ name: 'category', required: false, description: 'category path or its first level, e.g. 城市管理 or 城市管理/占道经营' })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'source', required: false, description: 'source name, e.g. 市长信箱' })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'], description: 'only tickets with a deadline passed and not met' })
  @ApiQuery({
    name: 'q',
    required: false,
    description:
      'one lookup: ticket number (any case or width, prefix optional), phone in any writing, name, e-mail, external id, address or words of the text; best match first',
  })
  @ApiQuery({
    name: 'sort',
    required: false,
    enum: SORT_VALUES,
    description:
      'order (default: newest received first; with q: best match first). due: next running deadline first; lateness: least late first, -lateness: most overdue first (no such deadline: last); received, number, category, region, unit (lead unit name), status, urgency; a leading - reverses',
  })
  @ApiQuery({ name: 'page', required: false, description: 'from 1' })
  @ApiQuery({ name: 'pageSize', required: false, description: '1-200, default 20' })
  @QueryKeys(...LIST_QUERY_KEYS)
  list(@CurrentUser() user: SessionUser, @Query() q: Record<string, unknown>) {
    return this.query.list(user, listQuery(q));
  }

  @ApiOkResponse({ type: TicketCounts })
  @Get('counts')
  @ApiOperation({ summary: 'Counts per inbox view, for the console header' })
  counts(@CurrentUser() user: SessionUser) {
    return this.query.counts(user);
  }

  @ApiOperation({ summary: 'One ticket with its history, deadlines, assignments and the actions this user may take' })
  @ApiOkResponse({ type: TicketDetail })
  @Get(':id')
  detail(@CurrentUser() user: SessionUser, @Param('id', ParseIntPipe) id: number) {
    return this.query.detail(user, id);
  }

  @FileResponse('application/octet-stream', 'the attachment as stored')
  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment with the Authorization header (served as a download, never rendered inline)' })
  async attachment(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('attachmentId', PositiveIdPipe) aid: number,
    @Res() res: Response,
  ) {
    sendAttachment(res, await this.query.attachment(user, id, aid));
  }

  @ApiOkResponse({ type: AttachmentLink })
  @Post(':id/attachments/:attachmentId/link')
  @HttpCode(200)
  @ApiOperation({ summary: 'A short-lived signed download link for a browser (no token in the URL), valid 5 minutes' })
  async attachmentLink(@CurrentUser() user: SessionUser, @Param('id', ParseIntPipe) id: number, @Param('attachmentId', PositiveIdPipe) aid: number) {
    const a = await this.query.attachment(user, id, aid);
    return this.links.create(a.id, a.masked);
  }

  @ApiOperation({ summary: '受理: take a received ticket into triage' })
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
  @ApiOperation({ summary: '交办 to a lead unit and optional assisting units' })
  async dispatch(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: DispatchDto) {
    await this.allow(u, id, DESK);
    return this.dispatchTicket.execute({ ...b, ticketId: id, actor: actorOf(u), asAsked: true });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: '改派 to another unit' })
  async reassign(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: DispatchDto) {
    await this.allow(u, id, DESK);
    return this.reassignTicket.execute({ ...b, ticketId: id, actor: actorOf(u) });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: '签收 (unit)' })
  async acknowledge(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    await this.allow(u, id, UNIT);
    return this.query.record(u, await this.acknowledgeTicket.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), actor: actorOf(u) }));
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/contact')
  @HttpCode(200)
  @ApiOperation({ summary: '首次联系: the unit has contacted the requester (unit)' })
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
  @ApiOperation({ summary: '办结反馈 (unit)' })
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
  @ApiOperation({ summary: '退单 as misrouted, with a reason (unit)' })
  async returnTicket(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id, UNIT);
    return this.query.record(
      u,
      await this.returnTicketUseCase.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), reason: b.reason, actor: actorOf(u) }),
    );
  }

  @ApiOperation({ summary: '同意退单: the ticket goes back to triage' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/approve-return')
  @HttpCode(200)
  async approveReturn(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ReasonDto) {
    await this.allow(u, id, DESK);
    return this.decideReturn.execute({ ticketId: id, decision: 'approve', reason: b.reason, actor: actorOf(u) });
  }

  @ApiOperation({ summary: '驳回退单, with a reason: the unit keeps the ticket' })
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
  @ApiOperation({ summary: '延期申请 before the deadline (unit)' })
  async extension(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ExtensionDto) {
    await this.allow(u, id, UNIT);
    return this.query.record(
      u,
      await this.requestExtension.execute({ ticketId: id, unitId: await this.query.actingUnit(u, id), days: b.days, reason: b.reason, actor: actorOf(u) }),
    );
  }

  @ApiOperation({ summary: '批准延期, as requested or for fewer days' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/approve-extension')
  @HttpCode(200)
  async approveExtension(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ApproveExtensionDto) {
    await this.allow(u, id, DESK);
    return this.decideExtension.execute({ ticketId: id, decision: 'approve', days: b.days, actor: actorOf(u) });
  }

  @ApiOperation({ summary: '驳回延期, with a reason' })
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
  @ApiOperation({ summary: '并单: merge a repeat into an open ticket' })
  async merge(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: MergeDto) {
    await this.allow(u, id, DESK);
    await this.query.visible(u, b.targetTicketId);
    return this.mergeTickets.execute({ ticketId: id, targetTicketId: b.targetTicketId, reason: b.reason, actor: actorOf(u) });
  }

  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/survey')
  @HttpCode(200)
  @ApiOperation({ summary: '回访: 满意 / 基本满意 / 不满意 (不满意 reopens)' })
  async survey(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: SurveyDto) {
    await this.allow(u, id, DESK);
    return this.surveyTicket.execute({ ticketId: id, rating: b.rating, note: b.note, actor: actorOf(u) });
  }

  @ApiOperation({ summary: '办结归档 (a reason is needed when there was no 回访)' })
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
  @ApiOperation({ summary: '直接答复 by the operator, optionally from a knowledge entry (knowledgeId)' })
  async directAnswer(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: DirectAnswerDto) {
    await this.allow(u, id, DESK);
    return this.answerDirectly.execute({ ticketId: id, text: b.text, knowledgeId: b.knowledgeId, actor: actorOf(u) });
  }

  @ApiOperation({ summary: '提供服务 by the operator' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/provide-service')
  @HttpCode(200)
  async provideService(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: TextDto) {
    await this.allow(u, id, DESK);
    return this.provideServiceUseCase.execute({ ticketId: id, text: b.text, actor: actorOf(u) });
  }

  @ApiOperation({ summary: '无效: mark the ticket invalid, with a reason' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/invalid')
  @HttpCode(200)
  async invalid(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id, DESK);
    return this.markInvalid.execute({ ticketId: id, reason: b.reason, actor: actorOf(u) });
  }
}
