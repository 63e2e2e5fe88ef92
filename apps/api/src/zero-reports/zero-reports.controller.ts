import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, Clock, previousZeroReportPeriod } from '@hub/domain';
import { ConfirmZeroReportUseCase, ListZeroReportsUseCase, renderZeroReportXlsx } from '@hub/reporting';
import { visibleUnitIds } from '@hub/auth';
import { actorOf, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { answered } from '../auth/use-case-http';
import { FileResponse } from '../response-fields';
import { ConfirmZeroReportDto } from './zero-reports.dto';
import { ZeroReportConfirmation, ZeroReportMine, ZeroReportOverviewRecord } from './zero-reports.responses';

/** 零报告: units with nothing dispatched to them in a period confirm so; the office lists who has not. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('api/zero-reports')
export class ZeroReportsController {
  constructor(
    private readonly list: ListZeroReportsUseCase,
    private readonly confirm: ConfirmZeroReportUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOkResponse({ type: ZeroReportOverviewRecord })
  @Get()
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: '零报告 of a period: every active unit with tickets, confirmed (who, when) or missing; xlsx: the missing list' })
  @ApiQuery({ name: 'period', required: false, description: 'a week 2026-W10 or a month 2026-03 (rates.yaml → zeroReport.period); default the current one' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'xlsx'] })
  @FileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'with format=xlsx: the units that have not confirmed, and every unit')
  async overview(@CurrentUser() u: SessionUser, @Res({ passthrough: true }) res: Response, @Query('period') period?: string, @Query('format') format = 'json') {
    if (!['json', 'xlsx'].includes(format)) throw new BadRequestException('format 只能是 json 或 xlsx');
    // A scoped desk: its sub-tree's units only.
    const overview = await answered(this.list.execute({ period, unitIds: visibleUnitIds(u) }));
    if (format === 'json') return overview;
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`零报告未确认名单_${overview.period.key}.xlsx`)}`);
    res.end(await renderZeroReportXlsx(overview, this.clock.now()));
    return undefined;
  }

  @ApiOkResponse({ type: ZeroReportMine })
  @Get('mine')
  @Roles('unit')
  @ApiOperation({ summary: "the unit user's units in the previous period and the current one: what they owe" })
  async mine(@CurrentUser() u: SessionUser) {
    const current = await answered(this.list.execute({ unitIds: [...u.unitIds] }));
    const previous = await answered(this.list.execute({ period: previousZeroReportPeriod(current.period).key, unitIds: [...u.unitIds] }));
    return { periods: [previous, current] };
  }

  @ApiOkResponse({ type: ZeroReportConfirmation })
  @Post()
  @HttpCode(200)
  @Roles('unit', 'admin')
  @ApiOperation({ summary: '确认零报告 for a unit (a unit user: its own) and a period; 422 when tickets were dispatched to it then; twice is once' })
  async confirmZero(@CurrentUser() u: SessionUser, @Body() dto: ConfirmZeroReportDto) {
    const unitId = dto.unitId ?? (u.role === 'unit' && u.unitIds.length === 1 ? u.unitIds[0] : undefined);
    if (unitId === undefined) throw new BadRequestException('unitId 不能为空：请选择确认零报告的单位');
    return answered(this.confirm.execute({ unitId, period: dto.period, unitIds: u.role === 'unit' ? [...u.unitIds] : null, actor: actorOf(u) }));
  }
}
