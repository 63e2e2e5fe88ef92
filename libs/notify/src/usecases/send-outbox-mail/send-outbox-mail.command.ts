import { IsInt, IsOptional, Min } from 'class-validator';

export class SendOutboxMailCommand {
  @IsInt() @Min(1) outboxId!: number;
  /** How long to keep trying to record a mail as sent while the database does not answer (default half the lease). */
  @IsOptional() @IsInt() @Min(0) recordSentForMs?: number;
}
