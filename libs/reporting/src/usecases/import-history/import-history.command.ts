import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

export interface HistoryImportProgress {
  bytesRead: number;
  totalBytes: number;
  lines: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

/** `hub import history FILE`: past years' tickets (JSONL, INTERFACES.md). */
export class ImportHistoryCommand {
  @IsString() @MinLength(1) file!: string;
  /** Create unknown units (inactive) instead of rejecting their lines. */
  @IsOptional() @IsBoolean() createUnits?: boolean;
  @IsOptional() @IsInt() @Min(1) @Max(10_000) batchSize?: number;
  /** Where the rejects report goes (default HUB_DATA_DIR/rejects). */
  @IsOptional() @IsString() rejectsPath?: string;
  /** Hears of progress after each batch (the CLI's progress line). */
  onProgress?: (p: HistoryImportProgress) => void;
}
