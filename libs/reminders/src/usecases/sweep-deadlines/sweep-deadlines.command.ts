import { IsBoolean, IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

/** One pass of the reminder ladder over the deadlines that are due. */
export class SweepDeadlinesCommand {
  /** Default: the clock's now. */
  @IsOptional() @IsDate() now?: Date;
  /** Rows locked and decided per transaction (default 1000). */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) batchSize?: number;
  /** Stop after this many rows in one pass; the next pass continues (default 200,000). */
  @IsOptional() @IsInt() @Min(1) maxRows?: number;
  /** Concurrent batches where the database can share rows between them (MySQL/MariaDB; default 2). */
  @IsOptional() @IsInt() @Min(1) @Max(16) lanes?: number;
  /** Also send the day's digest when its time has come (default true). */
  @IsOptional() @IsBoolean() digests?: boolean;
}
