import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@hub/auth';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { TICKET_EVENTS, TICKET_INBOX, TICKETS, UnitOfWork, UNITS, USERS } from '@hub/database';
import { STATUS_LABELS, TicketStatus } from '@hub/domain';
import { AddLeaderInstructionUseCase, AssignLeaderCaseUseCase, ticketNumber } from '@hub/tickets';
import { visibleTickets } from '@hub/auth';
import { actorOf, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { TicketAccessGuard } from '../tickets/ticket-access.guard';
import { TicketQueryService } from '../tickets/ticket-query.service';
import { TicketRecord } from '../tickets/tickets.responses';
import { LeaderCaseDto, LeaderInstructionDto } from './leader.dto';
import { LeaderCaseList, LeaderList } from './leader.responses';

const CASE_ROLES: Role[] = ['leader', 'supervisor', 'admin'];

/** 领导批示 and 包案, and the leader's view of the matters it owns (重信重访 included). */
@ApiTags('leader')
@ApiBearerAuth()
@Controller('api')
export class LeaderController {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly query: TicketQueryService,
    private readonly instruct: AddLeaderInstructionUseCase,
    private readonly assign: AssignLeaderCaseUseCase,
  ) {}

  @ApiOperation({ summary: '领导批示: a leader’s written instruction, on the timeline and mailed to the unit' })
  @ApiOkResponse({ type: TicketRecord })
  @Post('tickets/:id/leader-instruction')
  @UseGuards(TicketAccessGuard)
  @HttpCode(200)
  async instruction(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: LeaderInstructionDto) {
    await this.query.visible(u, id);
    if (u.role !== 'leader' && u.role !== 'admin') throw new ForbiddenException('此操作需要以下角色之一：leader, admin');
    return this.query.record(u, await this.instruct.execute({ ticketId: id, text: b.text, actor: actorOf(u) }));
  }

  @ApiOperation({ summary: '包案: a leader owns the ticket to its end (a leader without leaderId takes it; null ends it)' })
  @ApiOkResponse({ type: TicketRecord })
  @Post('tickets/:id/leader-case')
  @UseGuards(TicketAccessGuard)
  @HttpCode(200)
  async leaderCase(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: LeaderCaseDto) {
    await this.query.visible(u, id);
    if (!CASE_ROLES.includes(u.role)) throw new ForbiddenException(`此操作需要以下角色之一：${CASE_ROLES.join(', ')}`);
    const leaderId = b.leaderId === undefined && u.role === 'leader' ? u.id : (b.leaderId ?? null);
    if (u.role === 'leader' && leaderId !== null && leaderId !== u.id) throw new ForbiddenException('领导只能自己包案');
    return this.query.record(u, await this.assign.execute({ ticketId: id, leaderId, actor: actorOf(u) }));
  }

  @ApiOkResponse({ type: LeaderCaseList })
  @Get('leader/cases')
  @Roles('leader', 'supervisor', 'admin')
  @ApiOperation({ summary: '包案 matters: a leader’s own, everyone’s for supervisors; the ones with the latest repeats (重信重访) first' })
  async cases(@CurrentUser() u: SessionUser) {
    const all = await this.uow.read(TICKETS).listLeaderCases(u.role === 'leader' ? u.id : null, 500);
    const shown = new Set(
      await this.uow.read(TICKET_INBOX).visibleIds(
        all.map((t) => t.id),
        visibleTickets(u),
      ),
    );
    const rows = all.filter((t) => shown.has(t.id));
    const names = new Map((await this.uow.read(USERS).list()).map((x) => [x.id, x.displayName]));
    const units = new Map(
      (await this.uow.read(UNITS).findByIds([...new Set(rows.map((t) => t.leadUnitId).filter((x): x is number => x != null))])).map((x) => [x.id, x.name]),
    );
    const items = [];
    for (const t of rows) {
      const repeats = (await this.uow.read(TICKET_EVENTS).listForTicket(t.id)).filter((e) => e.type === 'repeat_merged');
      items.push({
        id: t.id,
        number: ticketNumber(this.config.env.ticketPrefix, t),
        subject: t.subject,
        status: t.status,
        statusLabel: STATUS_LABELS[t.status as TicketStatus] ?? t.status,
        leadUnit: t.leadUnitId ? (units.get(t.leadUnitId) ?? null) : null,
        leaderId: t.leaderId as number,
        leader: names.get(t.leaderId as number) ?? String(t.leaderId),
        repeatCount: t.repeatCount,
        lastRepeatAt: repeats.at(-1)?.at ?? null,
        receivedAt: t.receivedAt,
        replyDueAt: t.replyDueAt,
      });
    }
    items.sort((a, b) => (b.lastRepeatAt?.getTime() ?? 0) - (a.lastRepeatAt?.getTime() ?? 0) || b.id - a.id);
    return { items };
  }

  @ApiOkResponse({ type: LeaderList })
  @Get('leaders')
  @Roles('leader', 'supervisor', 'admin')
  @ApiOperation({ summary: 'The active leader accounts a matter can be given to (包案)' })
  async leaders() {
    const users = await this.uow.read(USERS).list();
    return { items: users.filter((x) => x.role === 'leader' && x.active).map((x) => ({ id: x.id, displayName: x.displayName })) };
  }
}
