import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class ReturnTicketCommand extends TicketCommand {
  /** The acting unit: it must be the lead unit (主办). */
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  /** Why the ticket is not for this unit (the state machine refuses a blank one). */
  @IsString() @MaxLength(2000) reason!: string;
}
