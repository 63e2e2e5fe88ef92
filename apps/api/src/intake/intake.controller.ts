import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IntakeResult } from './intake.responses';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { CHANNELS, Channel, CLOCK, Clock, parseBusinessTime, URGENCIES, Urgency } from '@hub/domain';
import { ReceiveWebIntakeUseCase } from '@hub/intake';
import { actorOf, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';

/** One reason for the text, the one to act on (class-validator would list every failed bound). */
function textProblem({ value }: ValidationArguments): string {
  if (typeof value !== 'string' || !value.trim()) return 'text 不能为空：请填写诉求内容';
  return value.length < 2 ? 'text 太短：请填写诉求内容（至少 2 个字）' : 'text 太长：诉求内容最多 20000 字';
}

/** A time that exists (2025-02-30 is refused, not read as 2 March), at most a few minutes ahead of the hub's clock. */
const FUTURE_SLACK_MS = 10 * 60_000;
function IsBusinessTime() {
  return ValidateBy({
    name: 'isBusinessTime',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseBusinessTime(value) !== null,
      defaultMessage: ({ value, property }: ValidationArguments) =>
        `${property} must be an ISO 8601 time that exists, e.g. 2025-03-02T09:15:00+08:00 (without a zone: Beijing time), got ${JSON.stringify(value)}`,
    },
  });
}

export class IntakeDto {
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS as unknown as string[]) channel?: Channel;
  @ApiPropertyOptional({ description: 'source name, e.g. 网上信访 or 市长公开电话' }) @IsOptional() @IsString() @MaxLength(100) source?: string;
  @ApiPropertyOptional({ description: 'id in the sending system; re-posting it returns the same ticket' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  externalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[+\d(（][\d\s\-()（）+]{4,30}$/, { message: 'phone must be a phone number (digits, spaces, -, brackets)' })
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) email?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9]{17}[0-9Xx]$/, { message: 'idNumber must be an 18-character ID number' }) idNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) subject?: string;
  @ApiProperty({ description: 'the request itself' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(2, 20000, { message: textProblem })
  text!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES as unknown as string[]) urgency?: Urgency;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() confidential?: boolean;
  @ApiPropertyOptional({ description: 'ISO 8601 (without a zone: Beijing time); default now' }) @IsOptional() @IsBusinessTime() receivedAt?: string;
  @ApiPropertyOptional({ description: "the sending system's own reply deadline (ISO 8601; without a zone: Beijing time), kept as the lead unit's" })
  @IsOptional()
  @IsBusinessTime()
  dueAt?: string;
  @ApiPropertyOptional({ description: 'the city (cities.yaml, GET /api/cities) the request is for: numbered with its prefix and held by its desk' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;
}

@ApiTags('intake')
@ApiBearerAuth()
@Controller('api/intake')
export class IntakeController {
  constructor(
    private readonly receive: ReceiveWebIntakeUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiCreatedResponse({ type: IntakeResult })
  @Post()
  @HttpCode(201)
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Web forms, other systems and calls typed in by hand: becomes a ticket, then classified' })
  async intake(@CurrentUser() user: SessionUser, @Body() body: IntakeDto) {
    const now = this.clock.now();
    const at = body.receivedAt ? parseBusinessTime(body.receivedAt)?.at : null;
    if (at && at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
      throw new BadRequestException([`receivedAt ${body.receivedAt} is in the future (now ${now.toISOString()}); send the time the request was received`]);
    }
    const r = await this.receive.execute({ ...body, receivedBy: actorOf(user) });
    return { id: r.ticketId, number: r.number, lookupCode: r.lookupCode, status: r.status, duplicate: r.duplicate };
  }
}
