import { Body, Controller, Get, Inject, Logger, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { UseCaseError } from '@hub/database';
import { FileOpen311RequestUseCase } from '@hub/intake';
import { ListOpen311RequestsUseCase, open311Services } from '@hub/tickets';
import { Public } from '../auth/auth.decorators';
import { type Open311Format, send, sendError, splitFormat } from './open311-format';

const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-12-06T00:00:00+08:00';
const STATUS: Record<string, number> = { BAD_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404 };

type Params = Record<string, unknown>;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) for civic apps: every resource in
 * XML and JSON (`.xml` / `.json`, or `?format=`), errors as the spec writes them. Documented in
 * the README, not in the console's OpenAPI document (its shapes are the spec's).
 */
@ApiExcludeController()
@Public()
@Controller('open311/v2')
export class Open311Controller {
  private readonly log = new Logger('open311');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly list: ListOpen311RequestsUseCase,
    private readonly file: FileOpen311RequestUseCase,
  ) {}

  @Get(':file')
  async top(@Param('file') file: string, @Query() q: Params, @Res() res: Response): Promise<void> {
    await this.answer(res, file, q, async (name, format) => {
      if (name === 'discovery') return send(res, format, 'discovery', this.discovery());
      if (name === 'services') return send(res, format, 'services', this.services());
      if (name === 'requests') return send(res, format, 'service_requests', await this.requests(q));
      return sendError(res, format, 404, `没有 ${name} 这个资源`);
    });
  }

  @Get('services/:file')
  async service(@Param('file') file: string, @Query() q: Params, @Res() res: Response): Promise<void> {
    await this.answer(res, file, q, async (code, format) => {
      if (!this.services().some((s) => s.service_code === code)) return sendError(res, format, 404, `service_code ${code} 不存在`);
      return send(res, format, 'service_definition', { service_code: code, attributes: [] });
    });
  }

  @Get('requests/:file')
  async request(@Param('file') file: string, @Query() q: Params, @Res() res: Response): Promise<void> {
    await this.answer(res, file, q, async (id, format) => {
      const found = await this.list.execute({ numbers: [id] });
      if (!found.length) return sendError(res, format, 404, `service_request_id ${id} 不存在`);
      return send(res, format, 'service_requests', found);
    });
  }

  @Get('tokens/:file')
  async token(@Param('file') file: string, @Query() q: Params, @Res() res: Response): Promise<void> {
    await this.answer(res, file, q, async (token, format) => {
      const found = await this.list.execute({ tokens: [token] });
      if (!found.length) return sendError(res, format, 404, `token ${token} 不存在`);
      return send(
        res,
        format,
        'service_requests',
        found.map((r) => ({ service_request_id: r.service_request_id, token })),
      );
    });
  }

  @Post(':file')
  async post(@Param('file') file: string, @Query() q: Params, @Body() body: Params, @Res() res: Response): Promise<void> {
    await this.answer(res, file, q, async (name, format) => {
      if (name !== 'requests') return sendError(res, format, 404, `不能向 ${name} 提交`);
      const filed = await this.file.execute({ params: { ...q, ...(body && typeof body === 'object' ? body : {}) } });
      return send(res, format, 'service_requests', [filed], 201);
    });
  }

  /** The format from the suffix, then the work; its refusals as Open311 errors. */
  private async answer(res: Response, file: string, q: Params, work: (name: string, format: Open311Format) => Promise<void>): Promise<void> {
    const { name, format } = splitFormat(file, q.format);
    if (!format) return sendError(res, 'xml', 400, 'format 只能是 xml 或 json');
    try {
      await work(name, format);
    } catch (e) {
      if (e instanceof UseCaseError && STATUS[e.code]) return sendError(res, format, STATUS[e.code], e.message);
      this.log.error((e as Error)?.stack ?? String(e));
      sendError(res, format, 500, '服务器内部错误，请稍后再试');
    }
  }

  private services() {
    return open311Services(this.config).map(({ path: _path, ...s }) => s);
  }

  private discovery() {
    const url = `${this.config.env.publicUrl}/open311/v2`;
    return {
      changeset: CHANGESET,
      contact: `12345 政务服务便民热线：${this.config.env.publicUrl}`,
      key_service: '向 12345 平台管理员申请 api_key（HUB_OPEN311_KEYS）',
      endpoints: [{ specification: SPEC, url, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
  }

  private async requests(q: Params) {
    const date = (v: unknown, name: string) => {
      if (v === undefined || v === '') return undefined;
      const d = new Date(String(v));
      if (Number.isNaN(d.getTime())) throw new UseCaseError('BAD_INPUT', `${name} 须为 ISO 8601 时间，如 2026-12-01T00:00:00+08:00`);
      return d;
    };
    const status = typeof q.status === 'string' && q.status ? q.status.split(',').map((s) => s.trim()) : [];
    if (status.some((s) => s !== 'open' && s !== 'closed')) throw new UseCaseError('BAD_INPUT', 'status 只能是 open 或 closed');
    const ids = typeof q.service_request_id === 'string' && q.service_request_id ? q.service_request_id.split(',').map((s) => s.trim()) : undefined;
    return this.list.execute({
      numbers: ids,
      serviceCode: typeof q.service_code === 'string' && q.service_code ? q.service_code : undefined,
      from: date(q.start_date, 'start_date'),
      to: date(q.end_date, 'end_date'),
      status: status.length === 1 ? (status[0] as 'open' | 'closed') : undefined,
    });
  }
}
