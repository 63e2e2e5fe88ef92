import { BadRequestException, Controller, Get, HttpCode, Post, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { businessDate } from '@hub/domain';
import { ImportKnowledgeEntriesUseCase, readKnowledgeWorkbook, writeKnowledgeWorkbook } from '@hub/knowledge';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { FileResponse } from '../response-fields';
import { KnowledgeQueryService } from './knowledge-query.service';
import { QueryKeys, TicketQueryKeysGuard } from '../tickets/ticket-query-keys.guard';
import { KnowledgeGapsService } from './knowledge-gaps.service';
import { KnowledgeGaps, KnowledgeImportResult } from './knowledge.responses';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A workbook of 5,000 long entries stays well under this. */
const MAX_UPLOAD = 20 * 1024 * 1024;

/** 知识库 as a workbook (units: their own entries; admins: all), and its gaps report for the desk. */
@ApiTags('knowledge')
@ApiBearerAuth()
@UseGuards(TicketQueryKeysGuard)
@Controller('api/knowledge')
export class KnowledgeWorkbookController {
  constructor(
    private readonly query: KnowledgeQueryService,
    private readonly importer: ImportKnowledgeEntriesUseCase,
    private readonly gaps: KnowledgeGapsService,
  ) {}

  @ApiOkResponse({ type: KnowledgeGaps })
  @Get('gaps')
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Direct answers of a period without a knowledge entry, by category, the latest of them, and answers per entry' })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (Beijing); default 29 days before to' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (Beijing), inclusive; default today; at most 366 days' })
  @QueryKeys('from', 'to')
  gapsReport(@CurrentUser() user: SessionUser, @Query('from') from: unknown, @Query('to') to: unknown) {
    return this.gaps.report(user, from, to);
  }

  @Get('workbook')
  @Roles('unit', 'admin')
  @ApiOperation({ summary: 'The entries one keeps as an xlsx (a unit: its own units’; an admin: all), every status; the template for an import' })
  @FileResponse(XLSX, '知识库_<date>.xlsx: 编号, 标题, 常见问法 (one a line), 答复口径, 分类, 维护单位, 有效期起, 有效期止, 状态, 政策依据链接, 版本, 答复次数')
  async export(@CurrentUser() u: SessionUser, @Res() res: Response) {
    const file = await writeKnowledgeWorkbook(await this.query.sheetEntries(u));
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`知识库_${businessDate(new Date())}.xlsx`)}`);
    res.send(file);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('unit', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: KnowledgeImportResult })
  @ApiOperation({
    summary:
      'Import an xlsx of entries (columns as the export): a row with 编号 saves that entry’s next version, one without creates an entry; rows that cannot be saved are refused with their row number and reason',
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD } }))
  async import(@CurrentUser() u: SessionUser, @UploadedFile() file: { buffer: Buffer } | undefined) {
    if (!file) throw new BadRequestException('请选择要导入的 .xlsx 文件（multipart field "file"）');
    const rows = await readKnowledgeWorkbook(file.buffer);
    return this.importer.execute({ rows, editor: { name: u.displayName, role: u.role, unitIds: u.unitIds } });
  }
}
