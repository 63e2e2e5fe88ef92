import { IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class ProvideServiceCommand extends TicketCommand {
  /** Which service was provided. */
  @IsString() @MaxLength(20000) text!: string;
}
