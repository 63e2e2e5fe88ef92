import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SUPERVISION_ORDER_STATUSES } from '@hub/domain';
import { PeriodError } from '@hub/reporting';
import { AnswerSupervisionOrderUseCase, OpenSupervisionOrderUseCase, WithdrawSupervisionOrderUseCase } from '@hub/tickets';
import { actorOf, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { FileResponse } from '../response-fields';
import { AnswerSupervisionOrderDto, OpenSupervisionOrderDto, WithdrawSupervisionOrderDto } from './supervision.dto';
import { SupervisionOrderList, SupervisionOrderRecord, SupervisionReport, SupervisionStats } from './supervision.responses';
import { SupervisionQueryService } from './supervision-query.service';

async function badPeriod<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PeriodError) throw new BadRequestException(e.message);
    throw e;
  }
}

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('api')
export class SupervisionController {
  constructor(
    private readonly query: SupervisionQueryService,
    private readonly openOrder: OpenSupervisionOrderUseCase,
    private readonly answerOrder: AnswerSupervisionOrderUseCase,
    private readonly withdrawOrder: WithdrawSupervisionOrderUseCase,
  ) {}

  @ApiOkResponse({ type: SupervisionOrderList })
  @Post('supervision-orders')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '下发督办单 on one ticket or several (one order per ticket, to the unit leading it); all or none' })
  async open(@CurrentUser() u: SessionUser, @Body() dto: OpenSupervisionOrderDto) {
    await this.query.assertTicketsVisible(u, dto.ticketIds);
    const orders = await this.openOrder.execute({ ...dto, actor: actorOf(u) });
    return { items: await Promise.all(orders.map((o) => this.query.one(o.id))) };
  }

  @ApiOkResponse({ type: SupervisionOrderList })
  @Get('supervision-orders')
  @ApiOperation({ summary: '督办单, newest first (a unit user: those addressed to its units)' })
  @ApiQuery({ name: 'status', required: false, description: `one or more of ${SUPERVISION_ORDER_STATUSES.join(', ')}, comma-separated` })
  @ApiQuery({ name: 'ticketId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'issued from YYYY-MM-DD (Beijing time)' })
  @ApiQuery({ name: 'to', required: false, description: 'issued until YYYY-MM-DD, inclusive' })
  list(
    @CurrentUser() u: SessionUser,
    @Query('status') status?: string,
    @Query('ticketId') ticketId?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    const statuses = status ? status.split(',').map((s) => s.trim()) : undefined;
    const bad = statuses?.find((s) => !(SUPERVISION_ORDER_STATUSES as readonly string[]).includes(s));
    if (bad) throw new BadRequestException(`status must be one of ${SUPERVISION_ORDER_STATUSES.join(', ')}, got ${bad}`);
    if (ticketId !== undefined && !/^[1-9]\d{0,9}$/.test(ticketId)) throw new BadRequestException('ticketId must be a ticket id');
    return badPeriod(() => this.query.list(u, { status: statuses, ticketId: ticketId ? Number(ticketId) : undefined, from, to }));
  }

  @ApiOkResponse({ type: SupervisionOrderRecord })
  @Post('supervision-orders/:id/answer')
  @HttpCode(200)
  @Roles('unit', 'admin')
  @ApiOperation({ summary: '督办回复: the unit answers an order in writing (late answers are recorded as late)' })
  async answer(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() dto: AnswerSupervisionOrderDto) {
    const order = await this.answerOrder.execute({ orderId: id, unitIds: u.role === 'unit' ? u.unitIds : null, text: dto.text, actor: actorOf(u) });
    return this.query.one(order.id);
  }

  @ApiOkResponse({ type: SupervisionOrderRecord })
  @Post('supervision-orders/:id/withdraw')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '撤销督办单, with the reason; its reminders stop' })
  async withdraw(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() dto: WithdrawSupervisionOrderDto) {
    await this.query.assertOrderVisible(u, id);
    const order = await this.withdrawOrder.execute({ orderId: id, reason: dto.reason, actor: actorOf(u) });
    return this.query.one(order.id);
  }

  @ApiOkResponse({ type: SupervisionReport })
  @Get('supervision-orders/report')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '督办通报: orders put on the 通报 list in a period (json), or the workbook with the units’ counts (xlsx)' })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (Beijing time), inclusive; default 29 days before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; default today' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'xlsx'] })
  @FileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'with format=xlsx: the 通报 and the counts by unit')
  async report(
    @CurrentUser() u: SessionUser,
    @Res({ passthrough: true }) res: Response,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('format') format = 'json',
  ) {
    if (!['json', 'xlsx'].includes(format)) throw new BadRequestException('format must be json or xlsx');
    if (format === 'json') return badPeriod(() => this.query.report(u, from, to));
    const out = await badPeriod(() => this.query.reportXlsx(u, from, to));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`督办通报_${out.from}_${out.to}.xlsx`)}`);
    res.end(out.file);
    return undefined;
  }

  @ApiOkResponse({ type: SupervisionStats })
  @Get('stats/supervision')
  @ApiOperation({ summary: '督办单 counts of a period: total, by level and by unit, with definitions (a unit user: its units only)' })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (Beijing time), inclusive; default 29 days before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, inclusive; default today' })
  stats(@CurrentUser() u: SessionUser, @Query('from') from?: string, @Query('to') to?: string) {
    return badPeriod(() => this.query.stats(u, from, to));
  }
}
