import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsCallback } from '../callback-field';
import type { HotlineImportProgress } from '../import-hotline-file/import-hotline-file.command';

export class ImportUploadedExportCommand {
  /** Where the API kept the upload (HUB_DATA_DIR/uploads/…). */
  @IsString() @IsNotEmpty() uploadPath!: string;
  /** Its source in sources.yaml. */
  @IsString() @IsNotEmpty() source!: string;
  /** The name it was uploaded under. */
  @IsString() @IsNotEmpty() originalName!: string;
  @IsOptional()
  @IsCallback()
  onProgress?: (p: HotlineImportProgress) => void;
}
