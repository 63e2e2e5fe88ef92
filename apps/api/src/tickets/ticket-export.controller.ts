import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, SessionUser } from '../auth/auth.decorators';
import { FileResponse } from '../response-fields';
import { TicketAccessGuard } from './ticket-access.guard';
import { QueryKeys, TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { LIST_QUERY_KEYS, listQuery } from './ticket-list-query';
import { MAX_EXPORT_ROWS, TicketExportService } from './ticket-export.service';

const EXPORT_KEYS = LIST_QUERY_KEYS.filter((k) => k !== 'page' && k !== 'pageSize');

/** Registered before TicketsController, so that `export` is not read as a ticket id. */
@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class TicketExportController {
  constructor(private readonly exporter: TicketExportService) {}

  @Get('export')
  @ApiOperation({
    summary: 'A ticket list as an xlsx workbook',
    description: `The parameters of GET /api/tickets (view, filters, sort; not page or pageSize), the same scope and order; at most ${MAX_EXPORT_ROWS} rows, the workbook says when the list had more. The file name carries the view and the filters.`,
  })
  @FileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'the listed tickets, one row each, in the list order')
  @QueryKeys(...EXPORT_KEYS)
  async export(@CurrentUser() user: SessionUser, @Query() q: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const out = await this.exporter.xlsx(user, listQuery(q));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.filename)}`);
    res.end(out.file);
    return undefined;
  }
}
