import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, MaxLength, Min, MinLength } from 'class-validator';
import { KNOWLEDGE_STATUSES, type KnowledgeStatus } from '@hub/domain';
import type { KnowledgeEditor } from '../../knowledge-actor';

/** A new entry (`id` absent) or a new version of one (`id`, and `version` as the editor read it). */
export class SaveKnowledgeEntryCommand {
  @IsOptional() @IsInt() @Min(1) id?: number;
  @IsOptional() @IsInt() @Min(1) version?: number;
  @IsString() @MinLength(2) @MaxLength(200) title!: string;
  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(500, { each: true }) questions!: string[];
  @IsString() @MinLength(2) @MaxLength(20000) answer!: string;
  @IsOptional() @IsString() @MaxLength(100) category?: string | null;
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @IsOptional() @Type(() => Date) @IsDate() validFrom?: Date | null;
  @IsOptional() @Type(() => Date) @IsDate() validTo?: Date | null;
  @IsOptional() @IsIn(KNOWLEDGE_STATUSES as unknown as string[]) status?: KnowledgeStatus;
  @IsOptional() @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }) @MaxLength(500) sourceUrl?: string | null;
  @IsObject() editor!: KnowledgeEditor;
}
