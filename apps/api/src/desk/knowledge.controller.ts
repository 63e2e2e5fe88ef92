import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ROLES } from '@hub/auth';
import { TicketQueryService } from '../tickets/ticket-query.service';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { KNOWLEDGE_STATUSES } from '@hub/domain';
import { DeleteKnowledgeEntryUseCase, SaveKnowledgeEntryUseCase } from '@hub/knowledge';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { QueryKeys, TicketQueryKeysGuard } from '../tickets/ticket-query-keys.guard';
import { TicketQueryParamError } from '../tickets/ticket-list-query';
import { KnowledgeEntryDto } from './knowledge.dto';
import { KnowledgeQueryService } from './knowledge-query.service';
import { KnowledgeEntry, KnowledgeEntryDetail, KnowledgeHits, KnowledgePage } from './knowledge.responses';

function text(q: unknown, name: string, max = 200): string | undefined {
  if (q === undefined || q === '') return undefined;
  if (typeof q !== 'string' || q.length > max)
    throw new TicketQueryParamError(name, `须为文本，最长 ${max} 个字符`, `${name} must be text of up to ${max} characters`);
  return q.trim() || undefined;
}

/** 知识库: operators search it; units keep their own entries, admins every entry. */
@ApiTags('knowledge')
@ApiBearerAuth()
@UseGuards(TicketQueryKeysGuard)
@Controller('api')
export class KnowledgeController {
  constructor(
    private readonly query: KnowledgeQueryService,
    private readonly save: SaveKnowledgeEntryUseCase,
    private readonly remove: DeleteKnowledgeEntryUseCase,
    private readonly tickets: TicketQueryService,
  ) {}

  @ApiOkResponse({ type: KnowledgeHits })
  @Get('knowledge')
  @ApiOperation({ summary: 'Search the knowledge base by meaning (best first; published, unexpired entries only)' })
  @ApiQuery({ name: 'q', required: false, description: 'the question in the caller’s words' })
  @ApiQuery({ name: 'category', required: false })
  @QueryKeys('q', 'category')
  search(@Query('q') q: unknown, @Query('category') category: unknown) {
    return this.query.hits(text(q, 'q', 2000), text(category, 'category', 100));
  }

  @ApiOkResponse({ type: KnowledgePage })
  @Get('knowledge/entries')
  @Roles('unit', 'admin', 'supervisor', 'operator')
  @ApiOperation({ summary: 'The editors’ list: every status (a unit user: its own units’ entries), 50 a page' })
  @ApiQuery({ name: 'status', required: false, enum: KNOWLEDGE_STATUSES })
  @ApiQuery({ name: 'category', required: false })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'page', required: false })
  @QueryKeys('status', 'category', 'q', 'page')
  list(@CurrentUser() u: SessionUser, @Query() q: Record<string, unknown>) {
    const status = text(q.status, 'status');
    if (status && !(KNOWLEDGE_STATUSES as readonly string[]).includes(status))
      throw new TicketQueryParamError('status', `须为 ${KNOWLEDGE_STATUSES.join('、')} 之一`, `status must be one of ${KNOWLEDGE_STATUSES.join(', ')}`);
    const page = text(q.page, 'page');
    if (page !== undefined && !/^\d{1,6}$/.test(page)) throw new TicketQueryParamError('page', '须为从 1 起的整数', 'page must be a whole number from 1');
    return this.query.list(u, { status, category: text(q.category, 'category'), q: text(q.q, 'q'), page: page ? Number(page) : undefined });
  }

  @ApiOkResponse({ type: KnowledgeEntryDetail })
  @Get('knowledge/entries/:id')
  @ApiOperation({ summary: 'One entry with its version history' })
  async detail(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    const d = await this.query.detail(u, id);
    if (!d) throw new NotFoundException(`找不到知识条目 ${id}`);
    return d;
  }

  @ApiOkResponse({ type: KnowledgeEntry })
  @Post('knowledge')
  @HttpCode(201)
  @Roles('unit', 'admin')
  @ApiOperation({ summary: 'New entry (a unit: for its own units, as a draft or reviewed; an admin: any, published by default)' })
  async create(@CurrentUser() u: SessionUser, @Body() b: KnowledgeEntryDto) {
    const saved = await this.save.execute(await this.query.command(u, b));
    return (await this.query.detail({ ...u, role: 'admin' } as SessionUser, saved.id))!;
  }

  @ApiOkResponse({ type: KnowledgeEntry })
  @Put('knowledge/:id')
  @Roles('unit', 'admin')
  @ApiOperation({ summary: 'Save the next version of an entry (every version is kept)' })
  async update(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number, @Body() b: KnowledgeEntryDto) {
    const saved = await this.save.execute(await this.query.command(u, b, id));
    return (await this.query.detail({ ...u, role: 'admin' } as SessionUser, saved.id))!;
  }

  @Delete('knowledge/:id')
  @HttpCode(204)
  @Roles('unit', 'admin')
  @ApiOperation({ summary: 'Delete an entry never used to answer (one that was is expired instead)' })
  async delete(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    await this.remove.execute({ id, editor: { name: u.displayName, role: u.role, unitIds: u.unitIds } });
  }

  @ApiOkResponse({ type: KnowledgeHits })
  @Get('tickets/:id/knowledge')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Knowledge entries suggested for a ticket’s text (best first)' })
  async forTicket(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    // Another unit's ticket is 404 on every route, as everywhere (the ticket first, then the role).
    await this.tickets.visible(u, id);
    if (u.role !== 'operator' && u.role !== 'supervisor' && u.role !== 'admin')
      throw new ForbiddenException('此操作需要以下角色之一：operator, supervisor, admin');
    return this.query.forTicket(u, id);
  }
}
