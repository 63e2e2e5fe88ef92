import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class RecordContactCommand extends TicketCommand {
  /** The acting unit (lead or assisting); none when the desk records it. */
  @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  /** How the requester was reached, what was agreed. */
  @IsString() @MaxLength(20000) note!: string;
}
