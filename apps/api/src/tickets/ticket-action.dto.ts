import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { OUTCOMES, Outcome, RATINGS, Rating, URGENCIES, Urgency } from '@hub/domain';

export class ReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
export class RequiredReasonDto {
  @ApiProperty() @IsString() @MinLength(1, { message: 'reason 不能为空：请说明理由' }) @MaxLength(2000) reason!: string;
}
export class DispatchDto {
  @ApiProperty({ description: 'lead unit (主办)' }) @Type(() => Number) @IsInt() @Min(1) unitId!: number;
  @ApiPropertyOptional({ type: [Number], description: 'assisting units (协办)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  assistUnitIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) region?: string;
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES as unknown as string[]) urgency?: Urgency;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
export class ReplyDto {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES as unknown as string[], { message: `outcome must be one of ${OUTCOMES.join(', ')}` }) outcome!: Outcome;
  @ApiProperty() @IsString() @MinLength(1, { message: 'text 不能为空：请填写办理结果' }) @MaxLength(20000) text!: string;
}
export class ExtensionDto {
  @ApiProperty({ description: 'working days requested' }) @Type(() => Number) @IsInt() @Min(1) @Max(60) days!: number;
  @ApiProperty() @IsString() @MinLength(1, { message: 'reason 不能为空：请说明延期理由' }) @MaxLength(2000) reason!: string;
}
export class ApproveExtensionDto {
  @ApiPropertyOptional({ description: 'working days granted (default: as requested)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  days?: number;
}
export class MergeDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) targetTicketId!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
export class SurveyDto {
  @ApiProperty({ enum: RATINGS }) @IsIn(RATINGS as unknown as string[], { message: `rating must be one of ${RATINGS.join(', ')}` }) rating!: Rating;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
export class TextDto {
  @ApiProperty() @IsString() @MinLength(1, { message: 'text 不能为空' }) @MaxLength(20000) text!: string;
}

export class DirectAnswerDto {
  @ApiPropertyOptional({ description: 'what the requester was told; without it, the answer of the knowledge entry (knowledgeId)' })
  @ValidateIf((o: DirectAnswerDto) => o.text !== undefined || o.knowledgeId === undefined)
  @IsString()
  @MinLength(1, { message: 'text 不能为空：请填写答复内容，或给出知识条目 knowledgeId' })
  @MaxLength(20000)
  text?: string;
  @ApiPropertyOptional({ description: 'the knowledge entry the answer came from (recorded with its version, counted on the entry)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  knowledgeId?: number;
}
