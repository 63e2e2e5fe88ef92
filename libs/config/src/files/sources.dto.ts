import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';

/** Fields of the hub that an export column can map to. */
export const EXPORT_FIELDS = [
  'externalId', 'receivedAt', 'phone', 'name', 'line', 'text', 'address', 'urgency', 'category', 'confidential', 'email',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

export class ExportSourceConfig {
  @IsString() name!: string;
  /** File header -> hub field, e.g. { 工单编号: externalId, 来电时间: receivedAt }. */
  @IsObject() columns!: Record<string, ExportField>;
  @IsIn(['auto', 'utf8', 'gb18030', 'gbk']) encoding: 'auto' | 'utf8' | 'gb18030' | 'gbk' = 'auto';
  /** The hotline line every row belongs to (e.g. 区长公开电话) when no column says it. */
  @IsOptional() @IsString() line?: string;
  /** A folder scanned for new files. */
  @IsOptional() @IsString() watch?: string;
}

export class SourcesFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => ExportSourceConfig) sources: ExportSourceConfig[] = [];
}
