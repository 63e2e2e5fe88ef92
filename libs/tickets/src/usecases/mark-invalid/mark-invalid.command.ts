import { IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class MarkInvalidCommand extends TicketCommand {
  /** Why: spam, a prank, nothing to act on (the state machine refuses a blank one). */
  @IsString() @MaxLength(2000) reason!: string;
}
