import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import type { ExportProgress } from '../../exports';
import { IsCallback } from '../callback-field';

export type HotlineImportProgress = ExportProgress & { imported: number; duplicates: number; rejected: number };

export class ImportHotlineFileCommand {
  /** The export file (CSV or XLSX) on this host. */
  @IsString() @IsNotEmpty() file!: string;
  /** Its source in sources.yaml (column mapping, line). */
  @IsString() @IsNotEmpty() source!: string;
  /** The name it was uploaded under (the upload itself is stored under another). */
  @IsOptional() @IsString() originalName?: string;
  @IsOptional()
  @IsCallback()
  onProgress?: (p: HotlineImportProgress) => void;
}
