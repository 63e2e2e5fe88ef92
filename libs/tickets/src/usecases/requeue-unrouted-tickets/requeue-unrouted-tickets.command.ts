import { IsInt, IsOptional, Min } from 'class-validator';

export class RequeueUnroutedTicketsCommand {
  /** A ticket `received` for longer than this was missed (Redis flushed, a job lost). */
  @IsOptional() @IsInt() @Min(0) staleAfterMs?: number;
}
