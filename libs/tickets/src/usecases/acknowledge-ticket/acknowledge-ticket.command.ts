import { IsInt, IsOptional, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class AcknowledgeTicketCommand extends TicketCommand {
  /** The acting unit (a unit user's); none when the desk acts for the lead unit. */
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
}
