import { IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import type { KnowledgeEditor } from '../../knowledge-actor';

export const CANNED_REPLY_KINDS = ['feedback', 'direct_answer'] as const;

/** A canned reply (常用语) new (`id` absent), changed, or removed (`remove`). Admins only. */
export class SaveCannedReplyCommand {
  @IsOptional() @IsInt() @Min(1) id?: number;
  @IsIn(CANNED_REPLY_KINDS as unknown as string[]) kind!: (typeof CANNED_REPLY_KINDS)[number];
  @IsOptional() @IsString() @MaxLength(100) category?: string | null;
  @IsString() @MinLength(1) @MaxLength(100) title!: string;
  @IsString() @MinLength(2) @MaxLength(5000) text!: string;
  @IsObject() editor!: KnowledgeEditor;
}
