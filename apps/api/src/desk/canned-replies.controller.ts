import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { KNOWLEDGE, UnitOfWork } from '@hub/database';
import { CANNED_REPLY_KINDS, SaveCannedReplyUseCase } from '@hub/knowledge';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { Enum, Int, ListOf, NullableStr, Str } from '../response-fields';
import { QueryKeys, TicketQueryKeysGuard } from '../tickets/ticket-query-keys.guard';
import { TicketQueryParamError } from '../tickets/ticket-list-query';

export class CannedReplyDto {
  @ApiPropertyOptional({ description: 'absent: a new one' }) @IsOptional() @IsInt() @Min(1) id?: number;
  @ApiProperty({ enum: CANNED_REPLY_KINDS }) @IsIn(CANNED_REPLY_KINDS as unknown as string[]) kind!: (typeof CANNED_REPLY_KINDS)[number];
  @ApiPropertyOptional({ description: 'category path or its first level; absent: any category' }) @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) title!: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(5000) text!: string;
}

export class CannedReply {
  @Int() id!: number;
  @Enum(CANNED_REPLY_KINDS, 'CannedReplyKind') kind!: string;
  @NullableStr() category!: string | null;
  @Str() title!: string;
  @Str() text!: string;
}

export class CannedReplies {
  @ListOf(CannedReply, { description: 'for a category: its own first, then its first level’s, then those for any category' }) items!: CannedReply[];
}

/** 常用语: canned replies for units' 办结反馈 (feedback) and operators' 直接答复 (direct_answer), per category; admins edit them. */
@ApiTags('knowledge')
@ApiBearerAuth()
@UseGuards(TicketQueryKeysGuard)
@Controller('api/canned-replies')
export class CannedRepliesController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly save: SaveCannedReplyUseCase,
  ) {}

  @ApiOkResponse({ type: CannedReplies })
  @Get()
  @ApiOperation({ summary: 'Canned replies of a kind, for a category (most specific first)' })
  @ApiQuery({ name: 'kind', required: false, enum: CANNED_REPLY_KINDS })
  @ApiQuery({ name: 'category', required: false })
  @QueryKeys('kind', 'category')
  async list(@Query('kind') kind: unknown, @Query('category') category: unknown) {
    if (kind !== undefined && !(CANNED_REPLY_KINDS as readonly unknown[]).includes(kind))
      throw new TicketQueryParamError('kind', `须为 ${CANNED_REPLY_KINDS.join('、')} 之一`, `kind must be one of ${CANNED_REPLY_KINDS.join(', ')}`);
    const cat = typeof category === 'string' && category ? category : null;
    const rank = (c: string | null) => (c === null ? 2 : cat && c === cat ? 0 : cat && cat.startsWith(`${c}/`) ? 1 : 3);
    const all = await this.uow.read(KNOWLEDGE).cannedReplies((kind as string | undefined) ?? null);
    const items = all.filter((r) => !cat || rank(r.category) < 3).sort((a, b) => rank(a.category) - rank(b.category) || a.id - b.id);
    return { items: items.map((r) => ({ id: r.id, kind: r.kind, category: r.category, title: r.title, text: r.text })) };
  }

  @ApiOkResponse({ type: CannedReply })
  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Add or change a canned reply (admins)' })
  async upsert(@CurrentUser() u: SessionUser, @Body() b: CannedReplyDto) {
    const r = await this.save.execute({ ...b, editor: { name: u.displayName, role: u.role, unitIds: u.unitIds } });
    return { id: r.id, kind: r.kind, category: r.category, title: r.title, text: r.text };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Remove a canned reply (admins)' })
  async remove(@CurrentUser() u: SessionUser, @Param('id', ParseIntPipe) id: number) {
    await this.save.remove(id, u);
  }
}
