import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class CloseTicketCommand extends TicketCommand {
  /** Needed (the state machine asks) when closing a replied ticket without its follow-up (回访). */
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
