import { IsBoolean, IsNotEmpty, IsOptional, IsString } from 'class-validator';

export class PollMailboxCommand {
  /** Its name in mailboxes.yaml. */
  @IsString() @IsNotEmpty() mailbox!: string;
  /** Poll even while a failing mailbox is backing off (a person asked). */
  @IsOptional() @IsBoolean() force?: boolean;
}
