import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { KNOWLEDGE_STATUSES } from '@hub/domain';

/** POST /api/knowledge and PUT /api/knowledge/:id. Dates: YYYY-MM-DD (Beijing day) or ISO 8601. */
export class KnowledgeEntryDto {
  @ApiProperty() @IsString() @MinLength(2, { message: 'title 太短：请填写标题' }) @MaxLength(200) title!: string;
  @ApiProperty({ type: [String], description: 'the ways callers ask it (several phrasings)' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  questions!: string[];
  @ApiProperty() @IsString() @MinLength(2, { message: 'answer 太短：请填写答复口径' }) @MaxLength(20000) answer!: string;
  @ApiPropertyOptional({ description: 'category path, e.g. 劳动社保/医疗保险' }) @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional({ description: 'the unit that keeps it: its name or id (a unit user: one of its own; default its first)' })
  @IsOptional()
  unit?: string | number;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({}, { message: 'validFrom must be a date YYYY-MM-DD or ISO 8601' }) validFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({}, { message: 'validTo must be a date YYYY-MM-DD or ISO 8601' }) validTo?: string;
  @ApiPropertyOptional({ enum: KNOWLEDGE_STATUSES, description: 'default: published for an admin, draft for a unit' })
  @IsOptional()
  @IsIn(KNOWLEDGE_STATUSES as unknown as string[])
  status?: (typeof KNOWLEDGE_STATUSES)[number];
  @ApiPropertyOptional({ description: 'link to the policy document' }) @IsOptional() @IsString() @MaxLength(500) sourceUrl?: string;
  @ApiPropertyOptional({ description: 'PUT: the version the editor read (a newer one saved meanwhile is a 409)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
