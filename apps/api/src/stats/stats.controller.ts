import { BadRequestException, Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { SummaryResponse, Timeliness } from './stats.responses';
import { UnitRanking } from './ranking.responses';
import { TierStats } from './tier-stats.responses';
import { Roles } from '../auth/auth.decorators';
import type { Response } from 'express';
import { PeriodError, REPORT_CHANNELS, ReportChannel, StatsGroupBy } from '@hub/reporting';
import { CurrentUser, SessionUser } from '../auth/auth.decorators';
import { QueryKeys, TicketQueryKeysGuard } from '../tickets/ticket-query-keys.guard';
import { OneQueryValuePipe } from './stats-query';
import { StatsService, TIMELINESS_GROUP_BY } from './stats.service';

async function badInput<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PeriodError) throw new BadRequestException(e.message);
    throw e;
  }
}

@ApiTags('stats')
@ApiBearerAuth()
@Controller('api')
@UseGuards(TicketQueryKeysGuard)
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @ApiOkResponse({ type: Timeliness })
  @Get('stats/timeliness')
  @ApiOperation({
    summary:
      'Timeliness and 三率 by unit, category, region or city, with the total and a daily series (a unit user: its units only; `city`: one city’s tickets)',
  })
  @QueryKeys('from', 'to', 'groupBy', 'city')
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (Beijing time), inclusive; default 29 days before `to`; at most 366 days before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; default today' })
  @ApiQuery({ name: 'groupBy', required: false, enum: TIMELINESS_GROUP_BY })
  @ApiQuery({ name: 'city', required: false, description: 'a city of cities.yaml (GET /api/cities): its tickets only; default province-wide' })
  timeliness(
    @CurrentUser() user: SessionUser,
    @Query('from', OneQueryValuePipe) from?: string,
    @Query('to', OneQueryValuePipe) to?: string,
    @Query('groupBy', OneQueryValuePipe) groupBy?: string,
    @Query('city', OneQueryValuePipe) city?: string,
  ) {
    if (groupBy && !(TIMELINESS_GROUP_BY as readonly string[]).includes(groupBy))
      throw new BadRequestException(`groupBy must be one of ${TIMELINESS_GROUP_BY.join(', ')}`);
    return badInput(() => this.stats.timeliness(user, { from, to, groupBy: groupBy as StatsGroupBy | undefined, city }));
  }

  @ApiOkResponse({ type: TierStats })
  @Get('stats/tiers')
  @QueryKeys('from', 'to')
  @ApiOperation({
    summary:
      '分级统计: timeliness at each tier (each measured on the limit the level above set) and rolled up the unit hierarchy (a scoped desk: its sub-tree)',
  })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (Beijing time), inclusive; default 29 days before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; default today' })
  tiers(@CurrentUser() user: SessionUser, @Query('from', OneQueryValuePipe) from?: string, @Query('to', OneQueryValuePipe) to?: string) {
    return badInput(() => this.stats.tiers(user, { from, to }));
  }

  @SummaryResponse()
  @Get('reports/summary')
  @QueryKeys('from', 'to', 'format', 'channel', 'source', 'city')
  @ApiOperation({ summary: 'The work-summary figures (json) or workbook (xlsx) of a period (at most 366 days)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'xlsx'] })
  @ApiQuery({ name: 'channel', required: false, enum: REPORT_CHANNELS })
  @ApiQuery({ name: 'city', required: false, description: 'a city of cities.yaml (GET /api/cities): its tickets only; default province-wide' })
  async summary(
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) res: Response,
    @Query('from', OneQueryValuePipe) from?: string,
    @Query('to', OneQueryValuePipe) to?: string,
    @Query('format', OneQueryValuePipe) format = 'json',
    @Query('channel', OneQueryValuePipe) channel?: string,
    @Query('source', OneQueryValuePipe) source?: string,
    @Query('city', OneQueryValuePipe) city?: string,
  ) {
    if (!['json', 'xlsx'].includes(format)) throw new BadRequestException('format must be json or xlsx');
    if (channel && !(REPORT_CHANNELS as readonly string[]).includes(channel))
      throw new BadRequestException(`channel must be one of ${REPORT_CHANNELS.join(', ')}`);
    const q = { from, to, channel: channel as ReportChannel | undefined, source, city };
    if (format === 'json') return (await badInput(() => this.stats.summary(user, q))).report;
    const { report, file } = await badInput(() => this.stats.summaryXlsx(user, q));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`工作总结统计_${report.from}_${report.to}.xlsx`)}`);
    res.end(file);
    return undefined;
  }

  @ApiExtraModels(UnitRanking)
  @ApiOkResponse({
    description: 'format=json: the ranking; format=xlsx: the workbook (考核排名_<period>.xlsx)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(UnitRanking) } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @Get('reports/ranking')
  @Roles('admin', 'supervisor', 'operator', 'leader')
  @QueryKeys('period', 'format')
  @ApiOperation({
    summary: '考核排名: units ranked by the weighted score of the rates of rates.yaml for a month or quarter, with the tickets behind low figures',
  })
  @ApiQuery({ name: 'period', required: true, description: 'a month (2026-03) or a quarter (2026-Q1)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'xlsx'] })
  async ranking(
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) res: Response,
    @Query('period', OneQueryValuePipe) period?: string,
    @Query('format', OneQueryValuePipe) format = 'json',
  ) {
    if (!period) throw new BadRequestException('period is required: a month (2026-03) or a quarter (2026-Q1)');
    if (!['json', 'xlsx'].includes(format)) throw new BadRequestException('format must be json or xlsx');
    if (format === 'json') return badInput(() => this.stats.ranking(user, { period }));
    const { ranking, file } = await badInput(() => this.stats.rankingXlsx(user, { period }));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`考核排名_${ranking.period}.xlsx`)}`);
    res.end(file);
    return undefined;
  }
}
