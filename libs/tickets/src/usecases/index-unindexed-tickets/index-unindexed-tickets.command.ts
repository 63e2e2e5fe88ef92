import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class IndexUnindexedTicketsCommand {
  /** The most tickets indexed in one pass (newest first); the next pass takes the rest. */
  @IsOptional() @IsInt() @Min(1) @Max(50_000) limit?: number;
}
