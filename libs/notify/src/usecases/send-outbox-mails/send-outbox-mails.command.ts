import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Min } from 'class-validator';

/** Several outbox mails queued as one job (a reminder sweep's batch). */
export class SendOutboxMailsCommand {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsInt({ each: true }) @Min(1, { each: true }) outboxIds!: number[];
}
