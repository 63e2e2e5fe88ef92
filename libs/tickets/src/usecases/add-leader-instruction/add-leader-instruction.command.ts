import { IsString, MaxLength, MinLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** 领导批示: a leader's written instruction on a ticket. */
export class AddLeaderInstructionCommand extends TicketCommand {
  @IsString() @MinLength(1) @MaxLength(4000) text!: string;
}
