import { IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class AnswerDirectlyCommand extends TicketCommand {
  /** What the requester was told. */
  @IsString() @MaxLength(20000) text!: string;
}
