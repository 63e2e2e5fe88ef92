import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, IsString, ValidateBy, ValidateNested } from 'class-validator';

/** Fields of the hub that an export column can map to. */
export const EXPORT_FIELDS = ['externalId', 'receivedAt', 'phone', 'name', 'line', 'text', 'address', 'urgency', 'category', 'confidential', 'email'] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

/** Headers mapped to something that is not a hub field (a typo would silently drop the column). */
function unknownFields(columns: unknown): string[] {
  if (!columns || typeof columns !== 'object') return [];
  return Object.entries(columns as Record<string, unknown>)
    .filter(([, field]) => !(EXPORT_FIELDS as readonly unknown[]).includes(field))
    .map(([header, field]) => `${header}: ${JSON.stringify(field)}`);
}

function MapsToHubFields(): PropertyDecorator {
  return ValidateBy({
    name: 'mapsToHubFields',
    validator: {
      validate: (value: unknown) => unknownFields(value).length === 0,
      defaultMessage: (args) => `maps ${unknownFields(args?.value).join(', ')}; each header must map to one of ${EXPORT_FIELDS.join(', ')}`,
    },
  });
}

export class ExportSourceConfig {
  @IsString() name!: string;
  /** File header -> hub field, e.g. { 工单编号: externalId, 来电时间: receivedAt }. */
  @IsObject() @MapsToHubFields() columns!: Record<string, ExportField>;
  @IsIn(['auto', 'utf8', 'gb18030', 'gbk']) encoding: 'auto' | 'utf8' | 'gb18030' | 'gbk' = 'auto';
  /**
   * The hotline line every row belongs to (e.g. 区长公开电话) when no column says it, or the header
   * of the column that says it (e.g. 受理渠道).
   */
  @IsOptional() @IsString() line?: string;
  /** A folder scanned for new files. */
  @IsOptional() @IsString() watch?: string;
  /** The city (cities.yaml) whose calls these are: its tickets are numbered and held by that city's desk. */
  @IsOptional() @IsString() city?: string;
}

export class SourcesFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => ExportSourceConfig) sources: ExportSourceConfig[] = [];
}
