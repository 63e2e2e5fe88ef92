import { Controller, ForbiddenException, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { FileResponse } from '../response-fields';
import { ATTACHMENT_LINK_SECONDS, AttachmentLinks, SignedAttachment } from './attachment-links';
import { TicketQueryParamError } from './ticket-list-query';
import { TicketQueryService } from './ticket-query.service';

/** Served as a download, never rendered inline, whatever the file claims to be. */
export function sendAttachment(res: Response, a: { filename: string; absolutePath: string }): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.sendFile(a.absolutePath);
}

const KEYS = ['expires', 'masked', 'signature'];

/** The link's query string, checked before its signature: a malformed one is a 400 that names the part. */
function signedQuery(rawId: string, q: Record<string, unknown>): SignedAttachment & { signature: string } {
  const extra = Object.keys(q).find((k) => !KEYS.includes(k));
  if (extra) throw new TicketQueryParamError(extra, '下载链接不带这个参数', `a download link has no ${extra}; it carries ${KEYS.join(', ')} only`);
  const one = (k: string, re: RegExp, zh: string): string => {
    const v = q[k];
    if (typeof v !== 'string' || !re.test(v)) throw new TicketQueryParamError(k, zh, `${k} is missing or malformed; open the attachment from its ticket again`);
    return v;
  };
  if (!/^\d{1,9}$/.test(rawId)) throw new NotFoundException('找不到这个附件');
  return {
    attachmentId: Number(rawId),
    expires: Number(one('expires', /^\d{1,12}$/, '须为链接给出的到期时间')),
    masked: one('masked', /^[01]$/, '须为 0 或 1') === '1',
    signature: one('signature', /^[A-Za-z0-9_-]{43}$/, '须为链接给出的签名'),
  };
}

/**
 * Attachments through short-lived signed links (POST /api/tickets/:id/attachments/:aid/link), so a
 * browser can open one in a new tab or as a download without the session token in the URL.
 */
@ApiTags('tickets')
@Controller('api/attachments')
export class AttachmentDownloadController {
  constructor(
    private readonly links: AttachmentLinks,
    private readonly query: TicketQueryService,
  ) {}

  @Public()
  @Get(':attachmentId')
  @FileResponse('application/octet-stream', 'the attachment as stored')
  @ApiOperation({ summary: `Download an attachment by a signed link (valid ${ATTACHMENT_LINK_SECONDS / 60} minutes; no login)` })
  @ApiQuery({ name: 'expires', description: 'unix seconds, as the link gives it' })
  @ApiQuery({ name: 'masked', enum: ['0', '1'] })
  @ApiQuery({ name: 'signature' })
  async download(@Param('attachmentId') rawId: string, @Query() q: Record<string, unknown>, @Res() res: Response) {
    const { signature, ...signed } = signedQuery(rawId, q);
    const verdict = this.links.check(signed, signature);
    if (verdict === 'bad') throw new ForbiddenException('下载链接无效：请回到工单页面重新点击附件');
    if (verdict === 'expired') throw new ForbiddenException(`下载链接已过期（有效 ${ATTACHMENT_LINK_SECONDS / 60} 分钟）：请回到工单页面重新点击附件`);
    const a = await this.query.signedAttachment(signed.attachmentId, signed.masked);
    if (!a) throw new NotFoundException('找不到这个附件');
    sendAttachment(res, a);
  }
}
