import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request } from 'express';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { UseCaseError } from '@hub/database';
import { RATINGS } from '@hub/domain';
import { AnswerSurveyLinkUseCase, ViewPublicStatusUseCase, ViewSurveyLinkUseCase } from '@hub/tickets';
import { Public } from '../auth/auth.decorators';
import { LookupLimiter } from './lookup-limiter';
import { PublicTicketStatusView, SurveyAnswered, SurveyLinkStateView } from './public.responses';

class LookupQuery {
  @ApiProperty({ description: '查询码 given with the receipt' })
  @IsString({ message: '请填写查询码' })
  @MaxLength(40, { message: '查询码不正确' })
  code!: string;
}

class SurveyAnswerDto {
  @ApiProperty({ enum: ['是', '否'], description: 'did the unit contact you' }) @IsIn(['是', '否'], { message: '请选择承办单位是否联系了您' }) contacted!:
    '是' | '否';
  @ApiProperty({ enum: ['是', '否'], description: 'is the problem solved' }) @IsIn(['是', '否'], { message: '请选择问题是否解决' }) resolved!: '是' | '否';
  @ApiProperty({ enum: RATINGS }) @IsIn(RATINGS as unknown as string[], { message: '请选择满意、基本满意或不满意' }) rating!: (typeof RATINGS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000, { message: '意见最多 1000 字' }) comment?: string;
}

const STATUS: Record<string, HttpStatus> = {
  BAD_INPUT: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  GONE: HttpStatus.GONE,
};

/**
 * What a citizen opens without an account: the status of their request (number + 查询码) and the
 * 回访 survey behind the link they were sent. Wrong guesses are counted (LookupLimiter).
 */
@ApiTags('public')
@Public()
@Throttle({ default: { limit: 30, ttl: 60_000 } })
@Controller('api/public')
export class PublicController {
  constructor(
    private readonly status: ViewPublicStatusUseCase,
    private readonly viewSurvey: ViewSurveyLinkUseCase,
    private readonly answerSurvey: AnswerSurveyLinkUseCase,
    private readonly limiter: LookupLimiter,
  ) {}

  @Get('tickets/:number')
  @ApiOkResponse({ type: PublicTicketStatusView })
  @ApiOperation({ summary: 'A request’s progress for its requester (number + 查询码); a wrong code is the same 404 as a missing number' })
  async ticket(@Param('number') number: string, @Query() q: LookupQuery, @Req() req: Request) {
    return this.guarded(req, number, () => this.status.execute({ number, code: q.code }));
  }

  @Get('surveys/:token')
  @ApiOkResponse({ type: SurveyLinkStateView })
  @ApiOperation({ summary: 'The 回访 link’s ticket and whether it can still be answered' })
  async survey(@Param('token') token: string, @Req() req: Request) {
    return this.guarded(req, null, () => this.viewSurvey.execute({ token }));
  }

  @Post('surveys/:token')
  @HttpCode(200)
  @ApiOkResponse({ type: SurveyAnswered })
  @ApiOperation({ summary: 'The requester’s 回访 answer: counted as a phone survey; 不满意 reopens the ticket' })
  async answer(@Param('token') token: string, @Body() body: SurveyAnswerDto, @Req() req: Request) {
    return this.guarded(req, null, () => this.answerSurvey.execute({ token, ...body }));
  }

  private async guarded<T>(req: Request, number: string | null, work: () => Promise<T>): Promise<T> {
    const ip = req.ip ?? 'unknown';
    await this.limiter.check(ip, number);
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof UseCaseError)) throw e;
      if (e.code === 'NOT_FOUND' || e.code === 'BAD_INPUT') await this.limiter.failed(ip, number);
      throw new HttpException(e.code === 'BAD_INPUT' ? '链接或工单编号不正确' : e.message, STATUS[e.code] ?? HttpStatus.BAD_REQUEST);
    }
  }
}
