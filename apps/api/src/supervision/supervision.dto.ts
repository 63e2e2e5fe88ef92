import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDate, IsIn, IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { SUPERVISION_LEVELS, SupervisionLevel } from '@hub/domain';

export class OpenSupervisionOrderDto {
  @ApiProperty({ type: [Number], description: 'one or more tickets (at most 200): one order each, to the unit leading it' })
  @IsArray()
  @ArrayMinSize(1, { message: 'ticketIds 不能为空：请选择工单' })
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  ticketIds!: number[];
  @ApiProperty({ enum: SUPERVISION_LEVELS, description: 'urge 催办, supervise 督办, listed 挂牌督办' })
  @IsIn(SUPERVISION_LEVELS as unknown as string[], { message: `level must be one of ${SUPERVISION_LEVELS.join(', ')}` })
  level!: SupervisionLevel;
  @ApiProperty({ description: '督办事由' }) @IsString() @MinLength(1, { message: 'reason 不能为空：请填写督办事由' }) @MaxLength(2000) reason!: string;
  @ApiProperty({ description: '督办要求' })
  @IsString()
  @MinLength(1, { message: 'instructions 不能为空：请填写督办要求' })
  @MaxLength(4000)
  instructions!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'by when the written answer (督办回复) is due' })
  @Type(() => Date)
  @IsDate({ message: 'dueAt 必须是时间，例如 2026-03-05T17:00:00+08:00' })
  dueAt!: Date;
}

export class AnswerSupervisionOrderDto {
  @ApiProperty({ description: '督办回复' }) @IsString() @MinLength(1, { message: 'text 不能为空：请填写督办回复' }) @MaxLength(8000) text!: string;
}

export class WithdrawSupervisionOrderDto {
  @ApiProperty() @IsString() @MinLength(1, { message: 'reason 不能为空：请说明撤销理由' }) @MaxLength(2000) reason!: string;
}
