import { IsNotEmpty, IsOptional, IsString, ValidateBy } from 'class-validator';
import type { ExportProgress } from '../../exports';
import { isFunction } from '../validate-command';

export type HotlineImportProgress = ExportProgress & { imported: number; duplicates: number; rejected: number };

export class ImportHotlineFileCommand {
  /** The export file (CSV or XLSX) on this host. */
  @IsString() @IsNotEmpty() file!: string;
  /** Its source in sources.yaml (column mapping, line). */
  @IsString() @IsNotEmpty() source!: string;
  /** The name it was uploaded under (the upload itself is stored under another). */
  @IsOptional() @IsString() originalName?: string;
  @IsOptional()
  @ValidateBy({ name: 'isFunction', validator: { validate: isFunction, defaultMessage: () => 'onProgress must be a function' } })
  onProgress?: (p: HotlineImportProgress) => void;
}
