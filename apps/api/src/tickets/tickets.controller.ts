import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FileResponse } from '../response-fields';
import { AttachmentLink, TicketCounts, TicketDetail, TicketPage } from './tickets.responses';
import { TriageVersion } from './triage-version.response';
import type { Response } from 'express';
import { TICKET_STATUSES } from '@hub/domain';
import { CurrentUser, SessionUser } from '../auth/auth.decorators';
import { TicketAccessGuard } from './ticket-access.guard';
import { PositiveIdPipe, QueryKeys, TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { AttachmentLinks } from './attachment-links';
import { sendAttachment } from './attachment-download.controller';
import { LIST_QUERY_KEYS, listQuery, SORT_VALUES } from './ticket-list-query';
import { TICKET_VIEWS } from './ticket-inbox-filter';
import { TicketQueryService } from './ticket-query.service';

/** Reading tickets: the inbox list and its counts, one ticket, its attachments. The actions are TicketActionsController's. */
@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class TicketsController {
  constructor(
    private readonly query: TicketQueryService,
    private readonly links: AttachmentLinks,
  ) {}

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

  @ApiOkResponse({ type: TriageVersion })
  @Get('triage-version')
  @ApiOperation({
    summary: 'The 待分拨 queue at a glance: its size, newest ticket and a version that changes whenever a ticket enters, leaves or changes in it',
    description: 'Cheap enough to poll every few seconds; the console reloads 待分拨 only when `version` changed.',
  })
  triageVersion(@CurrentUser() user: SessionUser) {
    return this.query.triageVersion(user);
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
}
