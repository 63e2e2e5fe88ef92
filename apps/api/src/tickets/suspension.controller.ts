import { Body, Controller, ForbiddenException, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Role } from '@hub/auth';
import { SUSPENSION_GROUNDS, SuspensionGround } from '@hub/domain';
import { DecideSuspensionUseCase, RequestSuspensionUseCase, ResumeTicketUseCase } from '@hub/tickets';
import { actorOf, CurrentUser, SessionUser } from '../auth/auth.decorators';
import { ReasonDto, RequiredReasonDto } from './ticket-action.dto';
import { TicketAccessGuard } from './ticket-access.guard';
import { TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { TicketQueryService } from './ticket-query.service';
import { TicketRecord } from './tickets.responses';

const DESK: Role[] = ['operator', 'supervisor', 'admin'];
const UNIT: Role[] = ['unit'];

export class SuspensionDto {
  @ApiProperty({ enum: SUSPENSION_GROUNDS, description: 'requester, court, authority or other' })
  @IsIn(SUSPENSION_GROUNDS as unknown as string[], { message: `ground must be one of ${SUSPENSION_GROUNDS.join(', ')}` })
  ground!: SuspensionGround;
  @ApiProperty() @IsString() @MinLength(1, { message: 'reason 不能为空：请说明中止理由' }) @MaxLength(2000) reason!: string;
  @ApiProperty({ description: 'expected date the wait ends, YYYY-MM-DD (Beijing)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expectedResumeOn 须为日期，例如 2026-04-08' })
  expectedResumeOn!: string;
}

/** 中止 / 挂起: the unit asks, the desk decides, the desk or the unit resumes. */
@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class SuspensionController {
  constructor(
    private readonly query: TicketQueryService,
    private readonly requestSuspension: RequestSuspensionUseCase,
    private readonly decideSuspension: DecideSuspensionUseCase,
    private readonly resumeTicket: ResumeTicketUseCase,
  ) {}

  /** Visible first (another unit's ticket is 404), then the role (403). */
  private async allow(user: SessionUser, id: number, roles: Role[]): Promise<void> {
    await this.query.visible(user, id);
    if (!roles.includes(user.role)) throw new ForbiddenException(`此操作需要以下角色之一：${roles.join(', ')}`);
  }

  private unitOf(u: SessionUser, id: number): Promise<number | null> {
    return u.role === 'unit' ? this.query.actingUnit(u, id) : Promise.resolve(null);
  }

  @ApiOperation({ summary: '申请中止: the lead unit asks to stop every clock (what it waits for, until when); the clocks run until approved' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/suspend')
  @HttpCode(200)
  async suspend(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: SuspensionDto) {
    await this.allow(u, id, UNIT);
    return this.query.record(u, await this.requestSuspension.execute({ ticketId: id, unitId: await this.unitOf(u, id), ...b, actor: actorOf(u) }));
  }

  @ApiOperation({ summary: '批准中止: every clock of the ticket stops' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/approve-suspension')
  @HttpCode(200)
  async approve(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ReasonDto) {
    await this.allow(u, id, DESK);
    return this.query.record(u, await this.decideSuspension.execute({ ticketId: id, decision: 'approve', reason: b.reason ?? null, actor: actorOf(u) }));
  }

  @ApiOperation({ summary: '驳回中止, with the reason' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/reject-suspension')
  @HttpCode(200)
  async reject(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: RequiredReasonDto) {
    await this.allow(u, id, DESK);
    return this.query.record(u, await this.decideSuspension.execute({ ticketId: id, decision: 'reject', reason: b.reason, actor: actorOf(u) }));
  }

  @ApiOperation({ summary: '恢复办理: every clock runs again, its due time moved by the time it stood still' })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/resume')
  @HttpCode(200)
  async resume(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: ReasonDto) {
    await this.allow(u, id, [...DESK, ...UNIT]);
    return this.query.record(
      u,
      await this.resumeTicket.execute({ ticketId: id, unitId: await this.unitOf(u, id), reason: b.reason ?? null, actor: actorOf(u) }),
    );
  }
}
