import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWork, UNITS } from '@hub/database';
import { HandTicketToCityUseCase } from '@hub/tickets';
import { actorOf, CurrentUser, SessionUser } from '../auth/auth.decorators';
import { ListOf, NullableInt, NullableStr, Str } from '../response-fields';
import { CITY_HANDOVER_ROLES, worksProvinceDesk } from './city-handover';
import { TicketAccessGuard } from './ticket-access.guard';
import { TicketQueryKeysGuard } from './ticket-query-keys.guard';
import { TicketQueryService } from './ticket-query.service';
import { TicketRecord } from './tickets.responses';

export class HandToCityDto {
  @ApiProperty({ description: 'the city’s name (GET /api/cities)' }) @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @ApiPropertyOptional({ description: 'why it is the city’s (on the timeline)' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class CityView {
  @Str({ description: 'the city’s unit (its desk)' }) name!: string;
  @NullableInt({ description: 'its unit id (null until the directory is synchronised)' }) unitId!: number | null;
  @Str({ example: 'LS' }) prefix!: string;
  @NullableStr({ description: 'From of the mails about its tickets (null: HUB_MAIL_FROM)' }) mailFrom!: string | null;
}

export class CityList {
  @NullableStr({ description: 'the province desk’s unit above the cities (cities.yaml province), if any' }) province!: string | null;
  @ListOf(CityView, { description: 'empty in a single-city installation' }) cities!: CityView[];
}

/** The cities of a province installation (cities.yaml), for the console's 转交地市 and its filters. */
@ApiTags('cities')
@ApiBearerAuth()
@Controller('api/cities')
export class CitiesController {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly uow: UnitOfWork,
  ) {}

  @ApiOperation({ summary: '地市: the installation’s cities, each with its prefix (empty in a single-city installation)' })
  @ApiOkResponse({ type: CityList })
  @Get()
  async list() {
    const { province, cities } = this.config.cities;
    const units = cities.length ? await this.uow.read(UNITS).findActiveByNames(cities.map((c) => c.name)) : [];
    return {
      province,
      cities: cities.map((c) => ({ name: c.name, unitId: units.find((u) => u.name === c.name)?.id ?? null, prefix: c.prefix, mailFrom: c.mailFrom })),
    };
  }
}

/** 转交地市: the province desk hands a ticket it holds in triage to a city's desk. */
@ApiTags('tickets')
@ApiBearerAuth()
@UseGuards(TicketAccessGuard, TicketQueryKeysGuard)
@Controller('api/tickets')
export class CityHandoverController {
  constructor(
    private readonly query: TicketQueryService,
    private readonly handToCity: HandTicketToCityUseCase,
    private readonly uow: UnitOfWork,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @ApiOperation({
    summary:
      '转交地市: the ticket moves to the city’s desk and takes the city’s number prefix; the old number stays a lookup (operator, supervisor, admin of the province desk: unscoped or scoped to cities.yaml province)',
  })
  @ApiOkResponse({ type: TicketRecord })
  @Post(':id/hand-to-city')
  @HttpCode(200)
  async hand(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: HandToCityDto) {
    await this.query.visible(u, id);
    if (!CITY_HANDOVER_ROLES.includes(u.role)) throw new ForbiddenException(`此操作需要以下角色之一：${CITY_HANDOVER_ROLES.join(', ')}`);
    const province = this.config.cities.province ? await this.uow.read(UNITS).findActiveByName(this.config.cities.province) : null;
    if (!worksProvinceDesk(u, province?.id ?? null)) throw new ForbiddenException('转交地市由省级（全平台）分拨台办理，地市分拨台不能转交');
    return this.handToCity.execute({ ticketId: id, city: b.city, reason: b.reason ?? null, actor: actorOf(u) });
  }
}
