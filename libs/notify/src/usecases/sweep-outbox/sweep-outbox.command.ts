import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

export class SweepOutboxCommand {
  /** Default: the clock's now. */
  @IsOptional() @IsDate() now?: Date;
  /** Mails re-queued at most per pass (default 500; the next pass takes the rest). */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) limit?: number;
}
